import Foundation
import RodTestSupport
import Testing

/// The `rod` executable built next to the test bundle (`swift build` builds it; `scripts/test.sh` runs that first).
let rodExecutable: URL = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rod")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return packageRoot.appendingPathComponent(".build/debug/rod")
}()

/// A `rod` process started for a test, with its own data folder, killed when the test ends.
final class RodProcess: @unchecked Sendable {
    let process = Process()
    let folder: URL
    let output: URL
    let errors: URL

    /// Starts `rod <arguments>` with the repository's splats and config and a fresh data folder, in a new working
    /// folder holding `files` (name: content), and `input` on its standard input.
    init(
        _ arguments: [String], environment: [String: String] = [:], files: [String: String] = [:], input: String? = nil
    ) throws {
        guard FileManager.default.isExecutableFile(atPath: rodExecutable.path) else {
            throw RodProcessError(
                "\(rodExecutable.path) is missing: run `swift build` before `swift test` (scripts/test.sh does)")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        output = folder.appendingPathComponent("stdout.log")
        errors = folder.appendingPathComponent("stderr.log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        for (name, content) in files {
            try content.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        if let input {
            let pipe = Pipe()
            process.standardInput = pipe
            pipe.fileHandleForWriting.write(Data(input.utf8))
            try pipe.fileHandleForWriting.close()
        }
        process.executableURL = rodExecutable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var variables = ProcessInfo.processInfo.environment
        variables["ROD_DATA_DIR"] = folder.appendingPathComponent("data").path
        variables["ROD_SPLATS_DIR"] = packageRoot.appendingPathComponent("splats").path
        variables["ROD_CONFIG_DIR"] = packageRoot.appendingPathComponent("config").path
        variables["LOG_LEVEL"] = "warning"
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: folder)
    }

    var standardOutput: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }
    var standardError: String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

    /// Waits for `rod serve` to print its address and returns its port.
    func waitUntilServing(timeout: Duration = .seconds(60)) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = standardOutput.split(separator: "\n").first(where: { $0.hasPrefix("rod: serving on http://") }),
                let port = line.split(separator: ":").last.flatMap({ Int($0) })
            {
                return port
            }
            guard process.isRunning else { throw RodProcessError("rod exited (\(process.terminationStatus)): \(standardError)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw RodProcessError("rod did not start serving within \(timeout): \(standardError)")
    }

    /// Waits for the process to exit and returns its status.
    func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { throw RodProcessError("rod did not exit within \(timeout)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }
}

struct RodProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
