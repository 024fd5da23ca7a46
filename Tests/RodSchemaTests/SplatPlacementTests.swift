import Foundation
import RodCore
import Testing

/// A game line's names live in its YAML file and, where rules need code, its own target: every other target knows
/// splats only through the registry. This reads their sources and fails on any text literal that names a splat (its
/// slug, in any case, or a path alias a module registers) or a trait only some splats declare.
@Suite struct SplatPlacementTests {
    /// Every target of `Sources` but the splat targets (`Splat*`), their list (`RodSplats`), and `rod-bench`, a load
    /// tool that measures a named splat's sheets.
    static var coreTargets: [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("Sources").path)) ?? []
        let left: Set = ["RodSplats", "RodBench", "CHiredis"]
        return names.filter { !$0.hasPrefix("Splat") && !left.contains($0) && !$0.hasPrefix(".") }.sorted()
    }

    /// Literals a target may hold although a splat declares a trait of that name: the original's Django app `haven`,
    /// which its models and migrations are named by (Vampire's `haven` is a trait too).
    static let allowed = ["RodImport": Set(["haven"])]

    @Test func noCoreTargetNamesASplatOrASplatsTrait() throws {
        let registry = try repositoryRegistry()
        let slugs = registry.slugs.map { $0.lowercased() }
        let shared =
            registry.splats.map { Set($0.traits.map(\.key)) }.reduce(nil as Set<String>?) { $0?.intersection($1) ?? $1 } ?? []
        let splatTraits = Set(registry.splats.flatMap { $0.traits.map(\.key) }).subtracting(shared)
        let aliases = Set(registry.aliases.map(\.path))
        #expect(splatTraits.contains("disciplines") && aliases.contains("v5"), "the check knows what to look for")

        #expect(Self.coreTargets.contains("RodImport") && Self.coreTargets.contains("rod"), "the check reads every target")
        var found: [String] = []
        for target in Self.coreTargets {
            let folder = repository.appendingPathComponent("Sources/\(target)")
            let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
            #expect(!files.isEmpty, "\(target) has sources")
            for file in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = line.trimmingCharacters(in: .whitespaces)
                    if code.hasPrefix("//") { continue }
                    for literal in Self.literals(in: code) {
                        let lowered = literal.lowercased()
                        if Self.allowed[target]?.contains(literal) == true { continue }
                        if slugs.contains(where: { lowered.contains($0) }) || aliases.contains(literal)
                            || splatTraits.contains(literal)
                        {
                            found.append("\(target)/\(file):\(number + 1): \"\(literal)\"")
                        }
                    }
                }
            }
        }
        #expect(found == [], "splat names outside the splat targets")
    }

    /// The contents of the `"..."` literals of a line (escapes left as written).
    static func literals(in line: String) -> [String] {
        var result: [String] = []
        var current: String?
        var escaped = false
        for character in line {
            if var text = current {
                if escaped {
                    text.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    result.append(text)
                    current = nil
                    continue
                } else {
                    text.append(character)
                }
                current = text
            } else if character == "\"" {
                current = ""
            }
        }
        return result
    }
}
