import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import type {LoadContext, Plugin} from '@docusaurus/types';
import {hoconScenarios} from '../../playground/deploy/hocon';

/** The variables the HOCON page lets a reader set, with the values the lab sets them to. */
export const hoconSamples: Record<string, string> = {
  KAFKA_BOOTSTRAP_SERVERS: 'kafka-dr-1.plant.example:9093',
  MAX_OFFSETS_PER_TRIGGER: '20000',
  KAFKA_SECRET_SCOPE: 'mfg-kafka-dr',
};

/**
 * The HOCON page's files resolved at build time for every environment and every combination of
 * the sample variables. The HOCON library runs in Node only, so the page's lab reads these results.
 */
export default function hoconScenariosPlugin(context: LoadContext): Plugin {
  const confDir = join(context.siteDir, 'docs/06-databricks-deployment/hocon-configurations/conf');
  return {
    name: 'hocon-scenarios',
    async loadContent() {
      const files: Record<string, string> = {'application.conf': readFileSync(join(confDir, 'application.conf'), 'utf8')};
      for (const file of readdirSync(join(confDir, 'environments'))) files[`environments/${file}`] = readFileSync(join(confDir, 'environments', file), 'utf8');
      return hoconScenarios(files, ['dev', 'qa', 'prod'], hoconSamples);
    },
    contentLoaded({content, actions}) {
      // Global data reaches every page: keep only what the lab shows (the values with their provenance).
      const scenarios = (content as Awaited<ReturnType<typeof hoconScenarios>>).map(({env, set, result}) => ({
        env,
        set,
        result: result.ok ? {ok: true as const, values: result.values} : result,
      }));
      actions.setGlobalData({scenarios, samples: hoconSamples});
    },
  };
}
