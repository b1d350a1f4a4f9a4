// Preloaded (node --require) into a process the startup benchmark spawns: reports its peak RSS on exit.
process.on('exit', () => {
  process.stderr.write(`peak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
