// Property tests run with a fixed seed so CI is reproducible; fast-check prints the seed and path on failure.
// Override with FC_SEED=<n> to explore, and replay a failure with the printed seed and path.
import fc from 'fast-check';

const seed = Number(process.env.FC_SEED ?? 20261126);
fc.configureGlobal({ seed, verbose: fc.VerbosityLevel.Verbose });
