// The Node options the ikelens command runs with: bin/ikelens.js's first line passes them (`env -S`),
// `npm start` too, the build primes the parsers' code cache for them (grammars/prime.ts) and the
// benchmark measures with them (bench/parse.ts). node-options.test.ts checks that all say the same.
//
// --v8-pool-size=1: V8's background threads (the optimising compiler, GC helpers) number 4 by
// default whatever the machine. The parse runs on the main thread, and while a log's first lines
// are parsed V8 optimises dozens of functions at once: on a 2-core machine 4 compiler threads took
// turns with the parsing thread. With one, the first pass over the corpus (every distinct line
// parsed once) took 111-204 ms instead of 169-284 in alternating runs of the 64 MB benchmark;
// the steady rate after it is the same.
export const NODE_OPTIONS: readonly string[] = ['--v8-pool-size=1'];
