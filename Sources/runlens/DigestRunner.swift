import RunLens

/// Runs `runlens digest`: reads every run (summaries decoded, logs analyzed, in parallel),
/// writes the digest, prints the headline.
enum DigestRunner {
    /// The exit code of `runlens digest arguments`.
    static func run(_ arguments: [String]) -> Int32 {
        let command: DigestCommand
        do {
            command = try DigestCommand(arguments: arguments)
        } catch {
            Console.error(error.message)
            return 2
        }
        if command.help {
            Console.out(DigestCommand.usage)
            return 0
        }
        return digest(command)
    }

    private static func digest(_ command: DigestCommand) -> Int32 {
        if let clash = DigestWriter(directory: command.outputDirectory).reportInTheWay() {
            Console.error(clash.description)
            return 2
        }
        guard let (resolution, previous) = prepare(command) else { return 2 }
        guard let loader = loader(command) else { return 2 }
        do {
            // Window rows that leave memory while logs are analyzed go to a file in it.
            try OutputWriter(directory: command.outputDirectory).makeDirectory(
                command.outputDirectory)
        } catch {
            Console.error(error.description)
            return 2
        }

        let parts = loader.load(resolution.sources)
        for part in parts {
            for warning in part.warnings { Console.warning(warning) }
        }
        let (distinct, repeats) = RepeatedAnalyses.dropped(from: parts)
        let notes = resolution.grouping + parts.compactMap(\.overlapNote) + repeats
        for note in notes { Console.warning(note) }
        let runs = DigestRuns.assemble(distinct, jobs: command.jobs)
        let digest = Digest(
            runs: runs, window: command.window, previous: previous,
            previousPath: command.previous, notes: notes)
        warnUntimed(runs, digest)

        let writer = DigestWriter(directory: command.outputDirectory)
        do {
            try writer.write(digest)
        } catch {
            Console.error(error.description)
            return 2
        }
        let unreadable = digest.runs.filter { $0.status == .unreadable }
        for run in unreadable { Console.error(run.error ?? "cannot read '\(run.name)'") }
        let partial = digest.runs.filter { $0.unreadInputs != nil }
        for run in partial {
            for input in run.unreadInputs ?? [] { Console.error("run '\(run.name)': \(input)") }
        }
        printHeadline(digest, writer: writer, quiet: command.quiet)
        return unreadable.isEmpty && partial.isEmpty ? 0 : 2
    }

    /// Runs without wall-clock times are never inside `--since`/`--until`: say how many
    /// were left out for that, so an empty digest is not read as a quiet week.
    private static func warnUntimed(_ runs: [DigestRun], _ digest: Digest) {
        let left = Set(digest.leftOut)
        let untimed = runs.filter { left.contains($0.name) && $0.figures.lastTime == nil }
        guard !untimed.isEmpty else { return }
        Console.warning(
            "\(untimed.count) run(s) left out of the period: no wall-clock times to place them "
                + "(\(untimed.map(\.name).quotedList()))")
    }

    /// A loader that analyzes logs with the settings `analyze` would use, or `nil` after
    /// printing why the settings cannot be read.
    private static func loader(_ command: DigestCommand) -> DigestLoader? {
        var config: RunLensConfig
        do {
            config = try ConfigLoader.resolve(path: command.configPath)
        } catch {
            Console.error(error.description)
            return nil
        }
        var analysis = command.analysis
        config.apply(to: &analysis, explicitWindowSteps: command.analysis.windowSteps)
        analysis.temporaryDirectory = command.outputDirectory
        let settled = config
        var loader = DigestLoader(analysis: analysis, jobs: command.jobs) {
            DetectorSuite(config: settled)
        }
        let file = command.configPath ?? ConfigLoader.defaultFileIfPresent
        loader.settings = ConfigChanges.of(config, file: file)
        return loader
    }

    /// The sources and the earlier digest's runs, or `nil` after printing why not.
    private static func prepare(
        _ command: DigestCommand
    ) -> (DigestSource.Resolution, [DigestRun]?)? {
        let resolution: DigestSource.Resolution
        let previous: [DigestRun]?
        do {
            resolution = try DigestSource.resolve(command.inputs)
            previous = try command.previous.map(PreviousDigest.read)
        } catch {
            Console.error(error.description)
            return nil
        }
        for note in resolution.notes { Console.warning(note) }
        guard !resolution.sources.isEmpty else {
            Console.error(DigestError.noRuns(command.inputs).description)
            return nil
        }
        return (resolution, previous)
    }

    private static func printHeadline(_ digest: Digest, writer: DigestWriter, quiet: Bool) {
        var line = "digest: \(digest.runs.count) run(s) — \(digest.statusCounts)"
        let partial = digest.runs.filter { $0.unreadInputs != nil }.count
        if partial > 0 { line += "; \(partial) read without some inputs" }
        if let comparison = digest.comparison {
            line += "; \(comparison.newFailures.count) new failure(s)"
        }
        Console.out(line + "; report: \(writer.path("digest.md"))")
        guard !quiet else { return }
        for run in digest.runs.filter(\.status.failed).prefix(5) {
            let kinds = run.hitKinds.joined(separator: ", ")
            Console.out("  \(run.status.rawValue) \(run.name): \(kinds)")
        }
    }
}
