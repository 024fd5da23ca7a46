import ArgumentParser
import Foundation
import RodCore
import RodHTTP
import RodSchema
import RodSplats

/// `rod schema export <folder>`: writes every generated document (the splats' JSON Schemas, the gateway's, the
/// shared shapes, `rod.d.ts`, `openapi.json`, `docs.html`), the same bytes the server serves.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "The schemas generated from the splat registry.",
        subcommands: [Export.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write JSON Schema per splat, the gateway's frames, TypeScript, OpenAPI and the docs page into a folder.")

        @Argument(help: "The folder to write into (created when missing).")
        var folder: String

        @OptionGroup var splats: SplatCommand.Folder

        func run() throws {
            let registry = try Startup.registry(try splats.configuration())
            let export = SchemaExport(registry: registry, operations: HTTPFaces.operations(registry))
            let directory = URL(fileURLWithPath: folder, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for document in export.documents {
                try Data(document.bytes).write(to: directory.appendingPathComponent(document.name), options: .atomic)
            }
            print("wrote \(export.documents.count) documents to \(folder)")
        }
    }
}
