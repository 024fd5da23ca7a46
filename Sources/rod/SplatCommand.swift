import ArgumentParser
import RodCore
import RodSplats

/// `rod splat ...`: work with the splat declarations.
struct SplatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "splat",
        abstract: "Work with the splat declarations in splats/.",
        subcommands: [Check.self]
    )

    /// `rod splat check`: load every YAML file and module, report every problem with its file and line.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load splats/*.yaml and the splat modules; report every problem; exit non-zero on any."
        )

        @Option(help: "The folder of splat files.")
        var splats: String = "splats"

        func run() throws {
            do {
                let registry = try Registry.load(directory: splats, modules: splatModules)
                for splat in registry.splats {
                    print(
                        "\(splat.slug): \(splat.name) \(splat.version), \(splat.traits.count) traits (\(splat.lineage.joined(separator: " > ")))"
                    )
                }
                print("\(registry.splats.count) splats, no problems.")
            } catch {
                printError(error.description)
                printError("\(error.diagnostics.count) problem(s) found.")
                throw ExitCode.failure
            }
        }
    }
}
