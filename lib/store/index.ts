import "server-only";

export { type CacheKeyInput, cacheKey, canonicalJson } from "./cache-key";
export { ProviderKeysError } from "./crypto";
export { type CreateStoreOptions, closeStore, createStore, getStore, type Store } from "./db";
export { newDeploymentId } from "./deployments";
export { type LogEntryOptions, loggableRequest, omitFlags, toLogEntry } from "./log-entry";
export { type Dataset, DatasetConflictError, type TestCaseInput } from "./platform-datasets";
export { type Experiment, ExperimentConflictError, type ExperimentStatus } from "./platform-experiments";
export {
  FILTER_FIELDS,
  FILTER_OPERATORS,
  type FilterOperator,
  type TraceFilter,
  type TraceTotals,
} from "./platform-queries";
export { normaliseTraceIds, shouldKeep, type TraceIds } from "./traces";
export * from "./types";
export { isStoreConnectionError, StoreUnavailableError } from "./unavailable";
