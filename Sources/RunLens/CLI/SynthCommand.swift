/// The parsed `runlens synth` command line.
public struct SynthCommand {
    /// The scenario name.
    public var scenario = ""
    /// Where to write: a file for one-file scenarios, a folder for one file per rank.
    public var output: String?
    /// Generator settings.
    public var parameters = SynthParameters()
    /// Show the help text instead of running.
    public var help = false

    /// The help text.
    public static var usage: String {
        """
        USAGE: runlens synth SCENARIO [-o PATH] [--seed N] [--steps N] [--ranks N]

        Writes a realistic log with a known fault injected, and beside it PATH.expected.json:
        the incidents a correct analysis reports (`expected`) and the detectors that must not
        fire at `forbiddenFrom` (warning) or above (`forbidden`; below it they may, such as
        the info divergence for an fp16 run's isolated NaN gradient norms). One-file
        scenarios write PATH (default SCENARIO.jsonl); scenarios with one file per rank
        write the folder PATH (default SCENARIO).

        SCENARIOS: \(SynthCatalog.names.joined(separator: ", "))

        OPTIONS:
          -o, --output PATH   where to write
          --seed N            random seed (default: 1)
          --steps N           training steps, or minutes of traffic for serving scenarios
          --ranks N           ranks, one file each (training scenarios)
        """
    }

    /// The most steps (or minutes of traffic) `--steps` takes: ten million steps already
    /// make a log of gigabytes, and far more would run for days or overflow the arithmetic.
    static let mostSteps = 10_000_000

    /// The most ranks `--ranks` takes, one file each: per-rank scenarios had no limit, and
    /// `Int.max` of them crashed.
    static let mostRanks = 1024

    /// Parses `arguments` (after `synth`).
    public init(arguments: [String]) throws(UsageError) {
        var cursor = ArgumentCursor(arguments)
        while let item = try cursor.next() {
            switch item {
            case .positional(let name):
                guard scenario.isEmpty else {
                    throw UsageError("synth takes one SCENARIO, got '\(scenario)' and '\(name)'")
                }
                scenario = name
            case .flag(let flag):
                try apply(flag, &cursor)
            }
        }
        if help { return }
        guard !scenario.isEmpty else {
            throw UsageError(
                "synth needs a SCENARIO: \(SynthCatalog.names.joined(separator: ", "))")
        }
        guard SynthCatalog.names.contains(scenario) else {
            throw UsageError(
                "unknown scenario '\(scenario)' (expected one of "
                    + "\(SynthCatalog.names.joined(separator: ", ")))")
        }
    }

    private mutating func apply(_ flag: String, _ cursor: inout ArgumentCursor) throws(UsageError) {
        switch flag {
        case "-o", "--output": output = try cursor.value(for: flag, expecting: "a path")
        case "--seed": parameters.seed = UInt64(try cursor.positiveInteger(for: flag))
        case "--steps":
            parameters.steps = try cursor.positiveInteger(for: flag, atMost: Self.mostSteps)
        case "--ranks":
            parameters.ranks = try cursor.positiveInteger(for: flag, atMost: Self.mostRanks)
        case "-h", "--help": help = true
        default: throw UsageError("unknown option '\(flag)' for synth (see runlens synth --help)")
        }
    }
}
