// analyzer/model: the shared vocabulary of ikelens (registries, vendor IDs, states, labels,
// transitions, events, findings). Imports nothing else of the repo; runs in Node and the browser.
export * from './registries.js';
export * from './vendor-ids.js';
export * from './labels.js';
export * from './states.js';
export * from './transitions.js';
export * from './events.js';
export * from './findings.js';
