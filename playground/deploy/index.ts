/** Databricks deployment: bundle resolution per target as the Databricks CLI does it, target diffs and the bundle schema. */
export {resolveBundle, bundleTargets, bundleToJson, shortUserName, globToRegExp, bundleContextSchema} from './bundle';
export type {BundleContext, BundleResult, BundleResolution, ResolvedVariable, VariableSource} from './bundle';
export {diffTargets} from './diff';
export type {TargetDifference} from './diff';
export {summarizeJobs} from './summary';
export type {JobSummary, ClusterSummary, Located} from './summary';
export {bundleSchema, clusterPolicySchema, validateBundleSchema} from './schema';
export {parseYamlFile, getPath, toPlain, leaves} from './tree';
export type {DeployProblem, Location, Value as BundleValue} from './tree';
export {resolveHocon} from './hocon';
export type {HoconResult, HoconValue} from './hocon';
export {checkClusterPolicy} from './policy';
export type {PolicyCheck, PolicyFinding} from './policy';
export {sizeCluster, jobClusterYaml, largestExecutorMemory, clusterSizingSchema, maxSizedWorkers} from './sizing';
export type {ClusterSizing, ClusterSizingInput, ClusterSizingResult, SizingProblem, SizingStep, JobClusterOptions} from './sizing';
export {summarizeWorkflow} from './workflows';
export type {WorkflowSummary, WorkflowJob, WorkflowStep, WorkflowTrigger, WorkflowResult} from './workflows';
