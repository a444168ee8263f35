// A test-only image for the witness tests of Django- and SymPy-shaped tasks: the OS base plus
// Debian's python3-django, python3-sympy and python3-pytest, built with the project's image code.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getDocker } from "../../src/envs/docker-client.js";
import { baseImageSpec, languageImageSpec, type LanguageRecipe } from "../../src/envs/images/index.js";
import { BuildLog } from "../../src/envs/images/build-log.js";
import { buildSpec } from "../../src/envs/images/build-spec.js";

const WITNESS_TEST_RECIPE: LanguageRecipe = {
  name: "python-witness-test",
  version: 1,
  aptPackages: ["git", "python3", "python3-django", "python3-pytest", "python3-sympy"],
  npmPackages: [],
  env: {},
};

/** Tag of the test image, built when absent (a few minutes the first time). */
export async function ensureWitnessTestImage(): Promise<string> {
  const spec = languageImageSpec("python", baseImageSpec(), WITNESS_TEST_RECIPE);
  const docker = getDocker();
  const present = await docker
    .getImage(spec.tag)
    .inspect()
    .then(
      () => true,
      () => false,
    );
  if (present) return spec.tag;
  const log = await BuildLog.open(join(tmpdir(), `swerig-witness-image-${process.pid}.log`));
  try {
    await buildSpec(spec, docker, log);
  } finally {
    await log.close();
  }
  return spec.tag;
}
