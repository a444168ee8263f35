// Images: recipes as pure specs, the builders, and ensureImages, the library behind `swerig images build`.
export * from "./base-recipe.js";
export * from "./debian-mirror.js";
export * from "./ensure-images.js";
export * from "./host-network.js";
export * from "./image-spec.js";
export * from "./language-recipes.js";
export * from "./task-recipe.js";
export { TASK_LABEL } from "./build-spec.js";
export * from "./cache-policy.js";
export * from "./image-state.js";
export * from "./pull-image.js";
export * from "./run-images.js";
export * from "./image-inventory.js";
