/**
 * `@tempo-sdk/client/testing`: what a consumer's tests need to run the client fast — a virtual clock and a preset of
 * client options that keeps the retry logic but takes out the waits, switches the throttle off and shortens
 * timeouts. Nothing here is needed in production; importing it costs the main entry nothing.
 *
 * @packageDocumentation
 */
export { createVirtualClock, type VirtualClock, type VirtualClockOptions } from './virtual-clock.js';
export { testClientOptions, TEST_TIMEOUT_MS, type TestClientOptions, type TestClientOptionsInput } from './preset.js';
