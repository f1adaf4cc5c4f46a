import "server-only";

export { type CacheKeyInput, cacheKey, canonicalJson } from "./cache-key";
export { ProviderKeysError } from "./crypto";
export { type CreateStoreOptions, closeStore, createStore, getStore, type Store } from "./db";
export { newDeploymentId } from "./deployments";
export { type LogEntryOptions, loggableRequest, omitFlags, toLogEntry } from "./log-entry";
export { normaliseTraceIds, shouldKeep, type TraceIds } from "./traces";
export * from "./types";
export { isStoreConnectionError, StoreUnavailableError } from "./unavailable";
