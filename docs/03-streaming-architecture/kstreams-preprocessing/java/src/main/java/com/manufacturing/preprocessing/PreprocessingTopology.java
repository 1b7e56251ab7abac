package com.manufacturing.preprocessing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The preprocessing topology: validate every raw sensor event, send failures to the dead-letter topic
 * with the reason in headers, enrich valid events with machine metadata, and publish them for Spark.
 *
 * <p>With {@code processing.guarantee=exactly_once_v2} the consumed offsets, the state and both output
 * topics are committed in one Kafka transaction per commit interval: a crash never leaves an event in
 * the validated topic and the dead-letter topic, or in neither. Readers see that guarantee only with
 * {@code isolation.level=read_committed}; Spark sets it with {@code kafka.isolation.level}.
 *
 * <p>Kafka Streams 3.3+ ({@code processValues}, {@code FixedKeyProcessor}) and 4.x, Java 17.
 */
public final class PreprocessingTopology {

  public static final String APPLICATION_ID = "mfg-sensor-preprocessing";
  public static final String RAW_TOPIC = "mfg.sensor-events.raw";
  public static final String VALIDATED_TOPIC = "mfg.sensor-events.validated";
  public static final String DEAD_LETTER_TOPIC = "mfg.sensor-events.dlq";
  public static final String MACHINE_METADATA_TOPIC = "mfg.machine-metadata.compacted";
  public static final String MACHINE_METADATA_STORE = "machine-metadata-store";

  /** Header names on dead-letter records; the value itself is forwarded unchanged, byte for byte. */
  public static final String RULE_HEADER = "mfg.dlq.rule";
  public static final String DETAIL_HEADER = "mfg.dlq.detail";
  public static final String SOURCE_HEADER = "mfg.dlq.source";

  private PreprocessingTopology() {}

  public static Topology build(ObjectMapper mapper) {
    StreamsBuilder builder = new StreamsBuilder();
    SensorEventValidator validator = new SensorEventValidator(mapper);

    KStream<String, Checked> checked = builder
        .stream(RAW_TOPIC, Consumed.with(Serdes.String(), Serdes.String()).withName("raw-sensor-events"))
        .processValues(() -> new ValidationProcessor(validator), Named.as("validate"));

    Map<String, KStream<String, Checked>> branches = checked
        .split(Named.as("validation-"))
        .branch((machineId, result) -> result.result().isValid(), Branched.as("valid"))
        .defaultBranch(Branched.as("invalid"));

    branches.get("validation-invalid")
        .mapValues(Checked::raw, Named.as("dead-letter-value"))
        .to(DEAD_LETTER_TOPIC, Produced.with(Serdes.String(), Serdes.String()).withName("dead-letter"));

    GlobalKTable<String, String> machines = builder.globalTable(
        MACHINE_METADATA_TOPIC,
        Consumed.with(Serdes.String(), Serdes.String()),
        Materialized.as(MACHINE_METADATA_STORE));

    branches.get("validation-valid")
        .leftJoin(
            machines,
            (machineId, result) -> machineId,
            (result, metadata) -> enrich(mapper, result.result().event(), metadata),
            Named.as("enrich"))
        .to(VALIDATED_TOPIC, Produced.with(Serdes.String(), Serdes.String()).withName("validated"));

    return builder.build();
  }

  /**
   * Adds the machine's metadata under {@code machine}. A machine commissioned today may not be in the
   * metadata topic yet: its event passes with {@code "enriched": false}, and silver repairs it against
   * the Delta dimension, instead of the reading being lost in an inner join.
   */
  static String enrich(ObjectMapper mapper, ObjectNode event, String metadata) {
    ObjectNode out = event.deepCopy();
    JsonNode machine = null;
    if (metadata != null) {
      try {
        machine = mapper.readTree(metadata);
      } catch (JsonProcessingException e) {
        machine = null;
      }
    }
    out.put("enriched", machine != null && machine.isObject());
    if (machine != null && machine.isObject()) {
      out.set("machine", machine);
    }
    try {
      return mapper.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an ObjectNode always serialises", e);
    }
  }

  /** The raw value with its validation outcome; only lives between two processors, never serialised. */
  record Checked(String raw, SensorEventValidator.Result result) {}

  /** Validates each record and, for a failure, writes the rule, the detail and the source position as headers. */
  static final class ValidationProcessor implements FixedKeyProcessor<String, String, Checked> {
    private final SensorEventValidator validator;
    private FixedKeyProcessorContext<String, Checked> context;

    ValidationProcessor(SensorEventValidator validator) {
      this.validator = validator;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Checked> context) {
      this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, String> record) {
      SensorEventValidator.Result result = validator.validate(record.key(), record.value(), record.timestamp());
      if (!result.isValid()) {
        Headers headers = record.headers();
        headers.add(RULE_HEADER, result.rule().name().getBytes(StandardCharsets.UTF_8));
        headers.add(DETAIL_HEADER, String.valueOf(result.detail()).getBytes(StandardCharsets.UTF_8));
        context.recordMetadata().ifPresent(source -> headers.add(
            SOURCE_HEADER,
            (source.topic() + "/" + source.partition() + "@" + source.offset()).getBytes(StandardCharsets.UTF_8)));
      }
      context.forward(record.withValue(new Checked(record.value(), result)));
    }
  }

  /**
   * The Streams configuration. Security settings ({@code security.protocol}, {@code sasl.*}, the trust
   * store) are added by the deployment from its secret store, the same values the Kafka SASL_SSL page's
   * builder produces for Spark, without the {@code kafka.} prefix.
   */
  public static Properties config(String bootstrapServers) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // Kafka 3.0+ (brokers 2.5+). The older exactly_once and exactly_once_beta values were removed in 4.0.
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // Under EOS the default commit interval is 100 ms; each commit ends a transaction, so this is also
    // how long read_committed readers wait at most, on top of processing.
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3);
    // No isolation.level here: under EOS Streams forces read_committed on its own consumers and
    // ignores a user value. Downstream readers (Spark) have to set it themselves.
    return props;
  }
}
