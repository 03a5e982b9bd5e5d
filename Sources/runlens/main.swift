import RunLens

#if canImport(Glibc)
    import Glibc
#endif

signal(SIGPIPE, SIG_IGN)

let usage = """
    runlens — post-mortems of ML training and serving metric logs

    USAGE:
      runlens analyze INPUT... [-o DIR] [--fail-on LEVEL] [options]
      runlens digest INPUT... [-o DIR] [--since DATE] [--until DATE] [--previous DIR]
      runlens synth SCENARIO [-o PATH] [--seed N] [--steps N] [--ranks N]
      runlens config --print-defaults | --check FILE
      runlens --help | --version
      runlens COMMAND --help
    """

let arguments = Array(CommandLine.arguments.dropFirst())
let code: Int32
switch arguments.first {
case "analyze":
    code = AnalyzeRunner.run(Array(arguments.dropFirst()))
case "digest":
    code = DigestRunner.run(Array(arguments.dropFirst()))
case "synth":
    code = SynthRunner.run(Array(arguments.dropFirst()))
case "config":
    code = ConfigRunner.run(Array(arguments.dropFirst()))
case "--version", "-V":
    Console.out("runlens \(Version.current)")
    code = 0
case "--help", "-h", "help":
    Console.out(usage)
    code = 0
case nil:
    Console.error("missing command (try 'runlens --help')")
    code = 2
case let other?:
    Console.error("unknown command '\(other)' (try 'runlens --help')")
    code = 2
}
exit(code)
