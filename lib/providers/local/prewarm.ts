import { getLocalModel } from "./engine";
import { DEFAULT_LOCAL_MODEL, resolveLocalModelPath } from "./models";

/**
 * Loads llama.cpp and the default model at start-up (in the background), so the first Run is as fast as the rest.
 * A missing model is not an error here: the first request that needs it says where to put it.
 */
export async function prewarmDefaultLocalModel(): Promise<void> {
  try {
    const file = await resolveLocalModelPath(DEFAULT_LOCAL_MODEL);
    const model = await getLocalModel(file, DEFAULT_LOCAL_MODEL);
    console.log(`[playground] local model ${DEFAULT_LOCAL_MODEL} ready (loaded in ${Math.round(model.loadMs)} ms)`);
  } catch (error) {
    console.log(`[playground] local model not preloaded: ${(error as Error).message}`);
  }
}
