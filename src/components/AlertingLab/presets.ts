/**
 * The inhibit rule as the alerting page first had it: any critical alert mutes the warnings with
 * the same env, plant and query_name, including alerts that have no plant or query_name at all.
 */
export function withOriginalInhibitRule(alertmanagerYaml: string): string {
  return alertmanagerYaml.replace(/( {2}- source_matchers:\n {6}- severity = "critical"\n) {6}- plant =~ "\.\+"\n {6}- query_name =~ "\.\+"\n/, '$1');
}
