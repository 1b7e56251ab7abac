export {resolveBundle, bundleToJson, shortUserName, globToRegExp, bundleContextSchema} from './bundle';
export type {BundleContext, BundleResult, BundleResolution, ResolvedVariable, VariableSource} from './bundle';
export {diffTargets} from './diff';
export type {TargetDifference} from './diff';
export {summarizeJobs} from './summary';
export type {JobSummary, ClusterSummary, Located} from './summary';
export {bundleSchema, clusterPolicySchema, validateBundleSchema} from './schema';
export {parseYamlFile, getPath, toPlain, leaves} from './tree';
export type {DeployProblem, Location, Value} from './tree';
