// The virtual clock is published now (`@tempo-sdk/client/testing`); the tests use the same one consumers get.
export { createVirtualClock } from '../../src/testing/index.js';
