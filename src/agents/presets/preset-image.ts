// A preset's image: the agent runner plus its CLI from npm at the tested version (swerig/base-agent-<name>,
// built on demand and cached by recipe hash like every other image), and the version it actually holds.
import { agentToolImage, agentToolImageSpec, agentToolRecipe, type EnsureImagesOptions } from "../../envs/images/index.js";
import type { ImageSpec, LanguageRecipe } from "../../envs/images/index.js";
import { imageCommandOutput } from "../../envs/agent-sandbox.js";
import type { AgentPreset } from "./preset.js";

export function presetRecipe(preset: AgentPreset): LanguageRecipe {
  return agentToolRecipe(`agent-${preset.name}`, [`${preset.npmPackage}@${preset.testedVersion}`], preset.removeAfterInstall ?? []);
}

export function presetImageSpec(preset: AgentPreset): ImageSpec {
  return agentToolImageSpec(presetRecipe(preset));
}

/**
 * Tag of the preset's image, built if absent. Throws SwerigError("image_build_failed") or
 * SwerigError("docker_unavailable").
 */
export function presetImage(preset: AgentPreset, options: EnsureImagesOptions = {}): Promise<string> {
  return agentToolImage(presetRecipe(preset), options);
}

/**
 * The CLI's version in `image` (its `--version`), and a one-line warning when it cannot be read or
 * differs from the version the preset was tested with.
 */
export async function checkPresetVersion(preset: AgentPreset, image: string): Promise<{ version?: string; warning?: string }> {
  const { ok, output } = await imageCommandOutput(image, preset.versionCommand);
  const version = ok ? preset.parseVersion(output) : undefined;
  if (version === undefined) {
    const said = output.split("\n")[0]?.slice(0, 200) ?? "";
    return { warning: `warning: could not read the version of ${preset.name} in ${image} (${preset.versionCommand.join(" ")}: ${said})` };
  }
  if (version !== preset.testedVersion) {
    const warning =
      `warning: ${preset.name} ${version} in ${image} is not the tested version ${preset.testedVersion}; ` +
      "its flags or output may have changed";
    return { version, warning };
  }
  return { version };
}
