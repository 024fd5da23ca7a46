import Foundation
import RodCore
import Splat5th
import SplatVampire5th

/// The repository's splat files, for registries of the modules under test.
enum SplatFiles {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("splats")

    static func read(_ names: [String]) -> [(name: String, text: String)] {
        names.map { name in
            (name + ".yaml", (try? String(contentsOf: folder.appendingPathComponent(name + ".yaml"), encoding: .utf8)) ?? "")
        }
    }

    /// The modules these files need (Vampire 5th's extends the 5th-edition base's).
    static let modules = [Splat5th.module, SplatVampire5th.module]

    /// The 5th-edition base and Vampire 5th over it.
    static let fifthEdition = read(["character", "character5th", "vampire5th"])
}
