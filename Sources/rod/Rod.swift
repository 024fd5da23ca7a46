import ArgumentParser

/// `rod`: the Realm of Darkness backend.
@main
struct Rod: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The Realm of Darkness backend: bot API, web API and gateway for World of Darkness games.",
        subcommands: [
            Serve.self, SetupCommand.self, Migrate.self, ImportCommand.self, ExportCommand.self, BackupCommand.self,
            SplatCommand.self,
            SchemaCommand.self,
            SessionCommand.self,
            HistoryCommand.self,
            UserCommand.self,
        ],
        defaultSubcommand: Serve.self
    )
}
