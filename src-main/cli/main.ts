/** `bin/ferry`: placeholder entry until the commands land. */
console.error('ferry: the command line is being wired in.');
process.exitCode = 2;
