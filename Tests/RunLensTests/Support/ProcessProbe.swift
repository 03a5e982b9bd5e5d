import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program with its output in files, kills it when it runs too long, and learns its
/// own peak memory from `/proc`, so that a hang or a memory blow-up fails a test instead of
/// stalling it.
enum ProcessProbe {
    /// What one run did.
    struct Outcome {
        /// The exit code, or 128 + the signal that ended the process.
        var status: Int32
        var stdout: String
        var stderr: String
        /// The peak resident memory of the process, in KiB.
        var peakKiB: Int
        /// True when the run was killed after the timeout.
        var timedOut: Bool
        /// The folder it ran in; `runlens analyze` reports go to `directory/report`.
        var directory: URL

        /// The text of `report/<name>`, or `""` when the file is missing.
        func output(_ name: String) -> String {
            (try? String(
                contentsOf: directory.appendingPathComponent("report/\(name)"), encoding: .utf8))
                ?? ""
        }

        /// The bytes of `report/<name>`, or empty when the file is missing.
        func outputBytes(_ name: String) -> [UInt8] {
            Array(
                (try? Data(contentsOf: directory.appendingPathComponent("report/\(name)")))
                    ?? Data())
        }

        /// `summary.json`, decoded.
        func summary() throws -> [String: Any] {
            let data = Data(output("summary.json").utf8)
            return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        }

        /// The total accounting of `summary.json`.
        func accounting() throws -> [String: Int] {
            try summary()["accounting"] as? [String: Int] ?? [:]
        }

        /// The lines of standard error.
        var stderrLines: [String] {
            stderr.split(separator: "\n").map(String.init)
        }
    }

    /// Runs `runlens arguments`, with `-o <new folder>/report` added for `analyze` unless
    /// `addOutput` is false.
    static func runlens(
        _ arguments: [String], addOutput: Bool = true, timeout: Double = 120
    ) throws -> Outcome {
        var arguments = arguments
        let directory = try scratchDirectory()
        if addOutput, arguments.first == "analyze" {
            arguments += ["-o", directory.appendingPathComponent("report").path]
        }
        return try run(
            BinaryRunner.executable.path, arguments, in: directory, timeout: timeout)
    }

    /// Runs `runlens arguments` as the unprivileged user `nobody` when the tests run as root,
    /// so that file permissions hold for it; as the current user otherwise.
    static func runlensUnprivileged(_ arguments: [String], timeout: Double = 120) throws
        -> Outcome
    {
        let directory = try scratchDirectory()
        guard getuid() == 0 else {
            return try run(BinaryRunner.executable.path, arguments, in: directory, timeout: timeout)
        }
        // A copy in an open folder: the build folder may lie where `nobody` cannot go. `cp`
        // writes it in a process of its own: a file this process held open for writing could
        // be inherited by a child another test spawns meanwhile, and executing it would then
        // fail with "Text file busy".
        chmod(directory.path, 0o755)
        let executable = directory.appendingPathComponent("runlens").path
        let copy = try run(
            "/bin/cp", [BinaryRunner.executable.path, executable], in: directory, timeout: 60)
        guard copy.status == 0 else { throw CopyFailure(message: copy.stderr) }
        chmod(executable, 0o755)
        let drop = ["--reuid=65534", "--regid=65534", "--clear-groups", executable]
        return try run(setpriv, drop + arguments, in: directory, timeout: timeout)
    }

    /// The util-linux tool that drops root's privileges before running a program.
    static let setpriv = "/usr/bin/setpriv"

    /// Runs `bash -c script` in a new folder with `$RUNLENS` set to the built executable.
    static func shell(_ script: String, timeout: Double = 120) throws -> Outcome {
        let directory = try scratchDirectory()
        return try run(
            "/bin/bash", ["-c", "cd '\(directory.path)' && \(script)"], in: directory,
            timeout: timeout,
            environment: ["RUNLENS=\(BinaryRunner.executable.path)"])
    }

    /// Runs `script` as ``shell(_:timeout:)`` does, after writing a two-record `train.jsonl`
    /// and analyzing it into `runlens-report`.
    static func shellAfterAReport(_ script: String) throws -> Outcome {
        let log = "{\"step\": 1, \"loss\": 2.5}\\n{\"step\": 2, \"loss\": 2.25}\\n"
        return try shell(
            "printf '\(log)' > train.jsonl && \"$RUNLENS\" analyze train.jsonl -q >/dev/null && "
                + script)
    }

    /// A fresh folder under the system's temporary folder.
    static func scratchDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private static func run(
        _ program: String, _ arguments: [String], in directory: URL, timeout: Double,
        environment: [String] = []
    ) throws -> Outcome {
        let out = directory.appendingPathComponent(".stdout").path
        let err = directory.appendingPathComponent(".stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let inherited = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let envp = (inherited + environment).map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO)
        }

        let (status, peak, timedOut) = wait(for: pid, timeout: timeout)
        return Outcome(
            status: status, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "",
            peakKiB: peak, timedOut: timedOut, directory: directory)
    }

    /// Waits for `pid`; returns its exit code, its peak memory in KiB and whether it was
    /// killed for taking too long.
    ///
    /// The peak is the highest `VmHWM` read while it ran: `wait4`'s `ru_maxrss` would also
    /// count this test process, whose memory a child spawned with `vfork` shares until it
    /// runs the program.
    private static func wait(for pid: pid_t, timeout: Double) -> (Int32, Int, Bool) {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        var peak: Int?
        while true {
            if let seen = highWater(pid) { peak = max(peak ?? 0, seen) }
            let waited = wait4(pid, &status, WNOHANG, &usage)
            if waited < 0 && errno == EINTR { continue }
            if waited != 0 { break }
            if Date() > deadline, !timedOut {
                timedOut = true
                kill(pid, SIGKILL)
            }
            usleep(5_000)
        }
        let signal = status & 0x7F
        let code = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        return (code, peak ?? usage.ru_maxrss, timedOut)
    }

    /// `VmHWM` of a running process, in KiB.
    private static func highWater(_ pid: pid_t) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
}

/// `cp` could not copy runlens for a run as another user.
struct CopyFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { "cannot copy runlens: \(message)" }
}
