import type { ProviderAdapter } from "../types";
import { LocalLanguageModel } from "./local-language-model";
import { DEFAULT_LOCAL_MODEL } from "./models";

/**
 * GGUF models run in-process by llama.cpp (node-llama-cpp): no key, no network, no price (cost 0). The model id is a
 * `.gguf` file name in LOCAL_MODELS_DIR (default ./models) or an absolute path; the models list route offers the
 * files actually present (listLocalModels).
 */
export const localAdapter: ProviderAdapter = {
  id: "local",
  label: "Local (llama.cpp)",
  keyRequired: false,
  inProcess: true,
  models: [DEFAULT_LOCAL_MODEL],
  createModel: ({ modelId }) => new LocalLanguageModel(modelId),
};

export { LocalLanguageModel } from "./local-language-model";
export {
  DEFAULT_LOCAL_MODEL,
  LocalModelError,
  type LocalModelErrorCode,
  type LocalModelFile,
  listLocalModels,
  localModelsDir,
  resolveLocalModelPath,
} from "./models";
