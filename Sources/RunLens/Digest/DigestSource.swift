import Foundation

/// One run, or one part of a run, that a digest reads: an earlier `summary.json`, or logs to
/// analyze.
public enum DigestSource: Equatable, Sendable {
    /// A runlens `summary.json` file given or collected on its own.
    case summary(String)
    /// A folder holding `summary.json`: an `analyze` output folder when that file is a runlens
    /// summary, else a run folder whose `summary.json` another tool wrote.
    case outputFolder(String)
    /// A log file, or a run folder whose files are the run's ranks.
    case logs(String)
    /// The logs of a run folder that also holds other runs' reports: `inputs` are its files
    /// and folders with those reports left out, read as one run.
    case logsBeside(folder: String, inputs: [String])
    /// The `junit.xml` an analysis wrote alone because it failed (exit 2), found where a run's
    /// report or logs were looked for (see ``FailedAnalysis``).
    case failedAnalysis(String)

    /// The path.
    public var path: String {
        switch self {
        case .summary(let path), .outputFolder(let path), .logs(let path),
            .failedAnalysis(let path):
            return path
        case .logsBeside(let folder, _): return folder
        }
    }

    /// The sources the INPUT arguments name, and what was passed over.
    public struct Resolution: Equatable, Sendable {
        /// The sources, in order.
        public var sources: [DigestSource] = []
        /// One line per folder passed over: the path in quotes, then why.
        public var notes: [String] = []
        /// One line per run folder whose runs were told apart, for the digest to show.
        public var grouping: [String] = []
    }

    /// Turns the digest's INPUT arguments into sources, in order.
    ///
    /// - A file named `summary.json` or `*.summary.json` is a summary; any other file is a
    ///   log, one run.
    /// - A folder holding `summary.json` is an `analyze` output folder (a run folder when the
    ///   file turns out not to be a runlens summary).
    /// - A folder holding nothing but the `junit.xml` of a failed analysis, or that file named
    ///   itself, is a run that failed to analyze (``FailedAnalysis``).
    /// - A folder holding only folders, `*.summary.json` files and the `*.expected.json` files
    ///   `runlens synth` writes beside its runs is a collection: each summary file is a
    ///   source, and each folder inside is looked at by these rules; but folders named for
    ///   nodes or hosts (`node0`, `host-3`) are the parts of one run, never runs of their own.
    ///   A report folder in a collection made from logs beside it is passed over, and a
    ///   folder inside a collection whose only other entry is a folder of logs is that run
    ///   (`week/job-a/logs/` is run `job-a`): see ``addCollection(_:entries:to:nested:)``.
    /// - A folder holding `digest.md` with `digest.csv` or `digest.json` and nothing else is
    ///   an earlier digest: passed over, with a note. Beside other entries (a digest written
    ///   into the folder of runs it sums up, `digest runs -o runs`), those files are passed
    ///   over and the rest is read by these rules.
    /// - Any other folder is one run, its log files (found recursively) its ranks; but a
    ///   runlens report folder inside it whose summary lists none of those log files is
    ///   another run's, and a source of its own (see ``FolderReports``).
    ///
    /// Folders and files whose names start with `.` are passed over inside folders.
    ///
    /// - Throws: ``DigestError/input(_:)`` for an argument that does not exist or cannot be
    ///   listed.
    // TODO(#7): `analyze` reads `launch1/node0/…` and `launch2/node0/…` as one run resumed,
    // `digest` as one run per launch folder; a collection whose folders hold node folders of
    // the same names could be one run.
    public static func resolve(_ inputs: [String]) throws(DigestError) -> Resolution {
        var resolution = Resolution()
        for input in inputs {
            try add(input, to: &resolution, nested: false)
        }
        return resolution
    }

    /// Adds what `path` stands for; `nested` when it was found inside a collection.
    static func add(
        _ path: String, to resolution: inout Resolution, nested: Bool
    ) throws(DigestError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .input(InputError(path: path, kind: FileByteStream.kind(forErrno: errno)))
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            resolution.sources.append(fileSource(path))
            return
        }

        var entries = try list(path)
        let files = Set(entries.files)
        if files.contains("summary.json") {
            resolution.sources.append(.outputFolder(path))
            return
        }
        let junit = join(path, FailedAnalysis.fileName)
        if entries.all == [FailedAnalysis.fileName], FailedAnalysis.reasons(at: junit) != nil {
            resolution.sources.append(.failedAnalysis(junit))
            return
        }
        var digest: Set<String> = []
        if DigestWriter.isDigest(files) {
            entries = entries.removing(DigestWriter.fileNames)
            digest = Set(DigestWriter.fileNames.filter(files.contains).map { join(path, $0) })
            guard !entries.isEmpty else {
                resolution.notes.append("skipped '\(path)': an earlier digest, not a run")
                return
            }
        }
        guard isCollection(entries) else {
            try addRunFolder(path, to: &resolution, leaving: digest)
            return
        }
        try addCollection(path, entries: entries, to: &resolution, nested: nested)
    }

    /// The source a file named as an input stands for.
    private static func fileSource(_ path: String) -> DigestSource {
        if isSummaryName(path) { return .summary(path) }
        let isJUnit = URL(fileURLWithPath: path).lastPathComponent == FailedAnalysis.fileName
        if isJUnit, FailedAnalysis.reasons(at: path) != nil { return .failedAnalysis(path) }
        return .logs(path)
    }

    /// Whether a folder of `entries` is a collection: only folders and side files, and no
    /// folder named for a node, a host or a rank (`rank0/`, whose files are one rank's).
    static func isCollection(_ entries: Entries) -> Bool {
        !entries.isEmpty && entries.files.allSatisfy(isSideFile)
            && !entries.all.contains(where: RankLayout.isNodeFolder)
            && !entries.all.contains { !entries.files.contains($0) && isRankFolder($0) }
    }

    /// Whether `name`, a folder's, gives a rank as a file's name would (`rank0`, `worker_3`).
    static func isRankFolder(_ name: String) -> Bool {
        RankFromFileName.rank(in: name) != nil
    }

    /// A summary, or the expectations `runlens synth` writes beside a run (`NAME.expected.json`).
    static func isSideFile(_ name: String) -> Bool {
        isSummaryName(name) || isExpectation(name)
    }

    static func isExpectation(_ name: String) -> Bool {
        name.hasSuffix(".expected.json")
    }

    /// `summary.json`, or a name ending in `.summary.json`.
    static func isSummaryName(_ path: String) -> Bool {
        let name = URL(fileURLWithPath: path).lastPathComponent
        return name == "summary.json" || name.hasSuffix(".summary.json")
    }

    struct Entries {
        var files: [String] = []
        var all: [String] = []
        var isEmpty: Bool { all.isEmpty }

        /// These entries without the files named in `names`.
        func removing(_ names: Set<String>) -> Entries {
            Entries(
                files: files.filter { !names.contains($0) }, all: all.filter { !names.contains($0) }
            )
        }
    }

    static func list(_ folder: String) throws(DigestError) -> Entries {
        guard let directory = opendir(folder) else {
            throw .input(InputError(path: folder, kind: FileByteStream.kind(forErrno: errno)))
        }
        defer { closedir(directory) }

        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        names.sort(by: NaturalOrder.precedes)

        var entries = Entries()
        for name in names {
            var info = stat()
            guard stat(join(folder, name), &info) == 0 else { continue }
            let mode = info.st_mode & S_IFMT
            if mode == S_IFREG { entries.files.append(name) }
            if mode == S_IFREG || mode == S_IFDIR { entries.all.append(name) }
        }
        return entries
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
