// @loomworks/testkit — fakes, fast-check arbitraries and conformance suites for Loomworks.

export { arbSeed, type ArbSeedOptions } from './arbitraries/seed';
export {
  DISCOVERY_VARIATIONS,
  arbDiscoveryVariant,
  type ArbDiscoveryVariantOptions,
  type DiscoveryVariant,
  type DiscoveryVariation,
} from './arbitraries/discovery-variant';
export {
  CONFORMANCE_CAPABILITIES,
  defineStoreConformanceSuite,
  type ConformanceCapability,
  type StoreConformanceOptions,
} from './store-conformance/suite';
