package com.manufacturing.preprocessing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Per-record checks on a raw sensor event, as the plant gateways publish it:
 *
 * <pre>{"event_id":…,"plant_id":"P01","line_id":…,"machine_id":"P01-L2-M07","machine_type":"cnc_mill",
 *  "firmware":"4.2.1","event_ts":"2026-01-05T08:00:00.123Z","customExtension":{"temp_c":"61.25",…}}</pre>
 *
 * <p>The first failing rule names the outcome, so every dead-letter record has exactly one reason. Schema
 * drift is not a failure: unknown {@code customExtension} keys pass, and silver flattens them. A NULL
 * measurement passes too (the sensor reported nothing); a value that is present but not a number does not.
 */
public final class SensorEventValidator {

  /** Why a record goes to the dead-letter topic; the name is written into the {@code mfg.dlq.rule} header. */
  public enum Rule {
    MALFORMED_JSON,
    MISSING_FIELD,
    KEY_MISMATCH,
    BAD_TIMESTAMP,
    FUTURE_TIMESTAMP,
    MALFORMED_MEASUREMENT,
    OUT_OF_RANGE
  }

  /** The outcome for one record: the parsed event when valid, otherwise the rule and a short detail. */
  public record Result(ObjectNode event, Rule rule, String detail) {
    public boolean isValid() {
      return rule == null;
    }

    static Result valid(ObjectNode event) {
      return new Result(event, null, null);
    }

    static Result invalid(Rule rule, String detail) {
      return new Result(null, rule, detail);
    }
  }

  static final List<String> REQUIRED_FIELDS = List.of("event_id", "plant_id", "machine_id", "event_ts");

  /** Gateways buffer during outages, so old events are normal; events from the future mean a wrong clock. */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  /** Plausible ranges of the numeric keys every machine sends; other numeric keys are checked for form only. */
  static final Map<String, BigDecimal[]> RANGES = Map.of(
      "temp_c", new BigDecimal[] {new BigDecimal("-40"), new BigDecimal("400")},
      "vib_mm_s", new BigDecimal[] {BigDecimal.ZERO, new BigDecimal("100")},
      "power_kw", new BigDecimal[] {BigDecimal.ZERO, new BigDecimal("1000")});

  private final ObjectMapper mapper;

  public SensorEventValidator(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Checks one record.
   *
   * @param key the Kafka record key: the gateways key by {@code machine_id}, which the window
   *     aggregation downstream relies on to group without a repartition topic
   * @param value the record value, UTF-8 JSON
   * @param recordTimestampMs the Kafka record timestamp (producer create time)
   */
  public Result validate(String key, String value, long recordTimestampMs) {
    JsonNode parsed;
    try {
      parsed = value == null ? null : mapper.readTree(value);
    } catch (JsonProcessingException e) {
      return Result.invalid(Rule.MALFORMED_JSON, e.getOriginalMessage());
    }
    if (!(parsed instanceof ObjectNode event)) {
      return Result.invalid(Rule.MALFORMED_JSON, "not a JSON object");
    }
    for (String field : REQUIRED_FIELDS) {
      JsonNode node = event.get(field);
      if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
        return Result.invalid(Rule.MISSING_FIELD, field);
      }
    }
    String machineId = event.get("machine_id").asText();
    if (!machineId.equals(key)) {
      return Result.invalid(Rule.KEY_MISMATCH, "key " + key + " but machine_id " + machineId);
    }
    Instant eventTs;
    try {
      eventTs = Instant.parse(event.get("event_ts").asText());
    } catch (DateTimeParseException e) {
      return Result.invalid(Rule.BAD_TIMESTAMP, event.get("event_ts").asText());
    }
    if (eventTs.isAfter(Instant.ofEpochMilli(recordTimestampMs).plus(MAX_CLOCK_SKEW))) {
      return Result.invalid(Rule.FUTURE_TIMESTAMP, eventTs + " is after the record timestamp");
    }
    JsonNode extension = event.get("customExtension");
    if (extension != null && extension.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> entries = extension.fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> entry = entries.next();
        Result measurement = checkMeasurement(entry.getKey(), entry.getValue());
        if (measurement != null) {
          return measurement;
        }
      }
    }
    return Result.valid(event);
  }

  /** A known numeric key must hold a plain decimal number ({@code 12,5}, {@code N/A}, {@code --} do not). */
  private static Result checkMeasurement(String name, JsonNode value) {
    BigDecimal[] range = RANGES.get(name);
    if (range == null || value == null || value.isNull()) {
      return null;
    }
    BigDecimal number;
    try {
      number = new BigDecimal(value.asText().trim());
    } catch (NumberFormatException e) {
      return Result.invalid(Rule.MALFORMED_MEASUREMENT, name + "=" + value.asText());
    }
    if (number.compareTo(range[0]) < 0 || number.compareTo(range[1]) > 0) {
      return Result.invalid(Rule.OUT_OF_RANGE, name + "=" + number.toPlainString());
    }
    return null;
  }
}
