import ArgumentParser
import Foundation
import RodApp
import RodCore
import RodServices
import RodSplats

/// `rod splat ...`: work with the splat declarations.
struct SplatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "splat",
        abstract: "Work with the splat declarations (splats/, or ROD_SPLATS_DIR, or splats_dir in config/<ENV>.yaml).",
        subcommands: [Check.self, Migrate.self]
    )

    /// The splats folder every command uses: `--splats`, then `ROD_SPLATS_DIR` (or `.env`), then `splats_dir` of
    /// `config/<ENV>.yaml`, then `splats`.
    struct Folder: ParsableArguments {
        @Option(help: "The folder of splat files (default: ROD_SPLATS_DIR, or splats_dir in config/<ENV>.yaml, or splats).")
        var splats: String?

        @OptionGroup var settingsOptions: SettingsOptions

        /// The configuration, its splats folder the one the flag names when given.
        func configuration() throws -> Configuration {
            var configuration = try settingsOptions.load()
            if let splats { configuration.splatsDirectory = splats }
            return configuration
        }
    }

    /// `rod splat check`: load every YAML file and module, report every problem with its file and line; with
    /// `--data`, also the stored keys no splat declares.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Load the splat files and modules and report every problem; with --data, also the stored keys no splat declares. Exits non-zero on any."
        )

        @OptionGroup var folder: Folder

        @Flag(help: "Also read the configured database: report the keys its characters hold that no splat declares.")
        var data = false

        func run() async throws {
            let configuration = try folder.configuration()
            let registry: Registry
            do {
                registry = try Registry.load(directory: configuration.splatsDirectory, modules: splatModules)
            } catch {
                printError(error.description)
                printError("\(error.diagnostics.count) problem(s) found in \(configuration.splatsDirectory).")
                throw ExitCode.failure
            }
            for splat in registry.splats {
                print(
                    "\(splat.slug): \(splat.name) \(splat.version), \(splat.traits.count) traits (\(splat.lineage.joined(separator: " > ")))"
                )
            }
            print("\(registry.splats.count) splats, no problems.")
            guard data else { return }
            let logger = configuration.logging.bootstrap()
            let undeclared = try await Startup.withStore(configuration, logger: logger) { store in
                try await SplatMigration(
                    registry: registry, store: store, broadcaster: nil, logger: logger, clock: { 0 }
                ).undeclaredKeys()
            }
            if undeclared.isEmpty {
                print("Every key stored in \(configuration.databaseDescription) is declared.")
                return
            }
            for line in SplatMigration.describe(undeclared) { printError(line) }
            throw ExitCode.failure
        }
    }

    /// `rod splat migrate`: rewrite stored characters to their splat files' declarations.
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Rewrite stored characters to the splat files: move renamed keys (renamed_from), compute derived traits, and with --drop-undeclared remove keys no trait declares. Each change is a history row (face `migrate`).",
            discussion: """
                Run it with --dry-run first: it counts what would change, writing nothing. Characters are rewritten \
                200 at a time, each batch in one transaction; a run that stops can be run again. Characters a running \
                server changes meanwhile are left for the next run.
                """)

        @OptionGroup var folder: Folder

        @Flag(help: "Count what would change, per splat; write nothing.")
        var dryRun = false

        @Flag(help: "Also remove the keys no trait of the character's splat declares (nor renames).")
        var dropUndeclared = false

        func run() async throws {
            let configuration = try folder.configuration()
            let logger = configuration.logging.bootstrap()
            let registry = try Startup.registry(configuration)
            let (dryRun, options) = (dryRun, SplatMigration.Options(renames: true, dropUndeclared: dropUndeclared))
            let outcome = try await Startup.withStore(configuration, logger: logger) { store in
                try await SplatMigration(registry: registry, store: store, broadcaster: nil, logger: logger) {
                    Date().timeIntervalSince1970
                }.run(options, dryRun: dryRun) { print("rod: \($0)") }
            }
            for (splat, count) in outcome.rewritten.sorted(by: { $0.key < $1.key }) {
                print("\(splat): \(count) character(s) \(dryRun ? "to rewrite" : "rewritten")")
            }
            print(
                "rod: \(outcome.examined) characters read, \(outcome.total) \(dryRun ? "would be rewritten (dry run: nothing written)" : "rewritten")"
                    + (outcome.skipped > 0 ? ", \(outcome.skipped) changed meanwhile (run again)" : ""))
        }
    }
}
