import ArgumentParser
import Foundation
import RodApp

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `rod setup`: writes `.env` as the original's setup script does, asking what no flag answers.
struct SetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Write the server's .env: environment, database, secrets (generated), Discord and Patreon settings.",
        discussion: """
            Asks for each setting no flag gives; with --yes it asks nothing and takes the defaults. SECRET_KEY and
            API_KEY are generated unless given: give the original's to keep its users signed in after `rod import` and
            its bots working. The file is readable by its owner only and never replaced without --force.
            """
    )

    @Option(name: .customLong("env-file"), help: "The file to write.")
    var path = ".env"

    @Flag(help: "Replace an existing file.")
    var force = false

    @Flag(name: [.customShort("y"), .long], help: "Ask nothing: every setting no flag gives takes its default.")
    var yes = false

    @Option(name: .customLong("env"), help: "development, preproduction or production (default: development).")
    var environment: String?

    @Option(name: .customLong("db"), help: "sqlite3 or postgresql (default: sqlite3).")
    var databaseEngine: String?

    @Option(name: .customLong("db-name"), help: "The SQLite file under the data folder, or the PostgreSQL database.")
    var databaseName: String?

    @Option(name: .customLong("db-user"), help: "PostgreSQL's user (default: rod).")
    var databaseUser: String?

    @Option(name: .customLong("db-password"), help: "PostgreSQL's password.")
    var databasePassword: String?

    @Option(name: .customLong("db-host"), help: "PostgreSQL's host (default: 127.0.0.1).")
    var databaseHost: String?

    @Option(name: .customLong("db-port"), help: "PostgreSQL's port (default: 5432).")
    var databasePort: Int?

    @Option(name: .customLong("secret-key"), help: "SECRET_KEY (default: generated).")
    var secretKey: String?

    @Option(name: .customLong("api-key"), help: "API_KEY, the bots' shared secret (default: generated).")
    var apiKey: String?

    @Option(name: .customLong("discord-app-id"), help: "The Discord application's id, for the login.")
    var discordAppID: String?

    @Option(name: .customLong("discord-app-secret"), help: "The Discord application's secret.")
    var discordAppSecret: String?

    @Option(name: .customLong("discord-bot-token"), help: "A bot token, to post error reports to Discord.")
    var discordBotToken: String?

    @Option(name: .customLong("discord-debug-channel"), help: "The channel id error reports go to.")
    var discordDebugChannel: String?

    @Option(name: .customLong("patreon-webhook-secret"), help: "The Patreon webhook's secret.")
    var patreonWebhookSecret: String?

    func run() throws {
        // Refused before any question is asked.
        if !force, FileManager.default.fileExists(atPath: path) {
            printError("rod: \(path) exists; run again with --force to replace it")
            throw ExitCode.failure
        }
        let prompt = Prompt(interactive: !yes)
        var file = SetupFile()
        let generatedAPIKey = file.apiKey
        do {
            if !yes { print("Realm of Darkness setup: writes \(path). Press Enter to keep the default in brackets.\n") }
            let environmentName = prompt.ask(
                "Environment: development, preproduction or production", given: environment, default: "development")
            guard let chosen = Configuration.Environment(rawValue: environmentName.lowercased()) else {
                throw ValidationError("the environment is development, preproduction or production, got \(environmentName)")
            }
            file.environment = chosen
            let engine = prompt.ask("Database: sqlite3 or postgresql", given: databaseEngine, default: "sqlite3")
            file.databaseEngine = try StoreConfiguration.engine(engine, "the database")
            let defaultName = SetupFile.defaultDatabaseName(file.databaseEngine)
            if file.databaseEngine == .postgresql {
                file.databaseName = prompt.ask("PostgreSQL database", given: databaseName, default: defaultName)
                file.databaseUser = prompt.ask("PostgreSQL user", given: databaseUser, default: file.databaseUser)
                file.databasePassword = prompt.ask("PostgreSQL password", given: databasePassword, default: "", secret: true)
                file.databaseHost = prompt.ask("PostgreSQL host", given: databaseHost, default: file.databaseHost)
                let port = prompt.ask("PostgreSQL port", given: databasePort.map(String.init), default: "5432")
                guard let number = Int(port) else { throw ValidationError("the port is a number, got \(port)") }
                file.databasePort = number
            } else {
                file.databaseName = prompt.ask(
                    "SQLite file (under the data folder unless absolute)", given: databaseName, default: defaultName)
            }
            file.secretKey = prompt.ask(
                "SECRET_KEY: the original's keeps its users signed in after `rod import`; empty makes a new one",
                given: secretKey, default: file.secretKey, secret: true, showDefault: false)
            file.apiKey = prompt.ask(
                "API_KEY: the bots' current key; empty makes a new one (then give it to the bots)", given: apiKey,
                default: file.apiKey, secret: true, showDefault: false)
            file.discordAppID = prompt.ask("Discord application id", given: discordAppID, default: "")
            file.discordAppSecret = prompt.ask("Discord application secret", given: discordAppSecret, default: "", secret: true)
            file.discordBotToken = prompt.ask(
                "Discord bot token, to post error reports (optional)", given: discordBotToken, default: "", secret: true)
            file.discordDebugChannel = prompt.ask(
                "Discord channel id for error reports (optional)", given: discordDebugChannel, default: "")
            file.patreonWebhookSecret = prompt.ask(
                "Patreon webhook secret (optional)", given: patreonWebhookSecret, default: "", secret: true)
            let text = try file.render()
            try SetupFile.save(text, to: path, replacing: force)
        } catch let error as ConfigurationError {
            printError("rod: \(error)")
            throw ExitCode.failure
        }
        print(
            "rod: wrote \(path) (ENV=\(file.environment.rawValue), \(file.databaseEngine.rawValue)), readable by its owner only.")
        if file.apiKey == generatedAPIKey {
            print("rod: API_KEY is new: give the bots the same value (it is in \(path)).")
        }
        print("rod: next, `rod serve` (scripts/run.sh in production); `rod import` brings the original's data.")
    }
}

/// Questions on the terminal: one line each, the default taken on an empty answer or at the end of the input.
struct Prompt {
    let interactive: Bool

    func ask(
        _ question: String, given: String?, default value: String, secret: Bool = false, showDefault: Bool = true
    ) -> String {
        if let given { return given }
        guard interactive else { return value }
        let shown = showDefault && !value.isEmpty ? " [\(value)]" : ""
        print("\(question)\(shown): ", terminator: "")
        fflush(nil)
        let line = secret ? Self.readHidden() : readLine()
        // Answers piped in are not echoed: end the question's line.
        if isatty(STDIN_FILENO) != 1 { print("") }
        guard let answer = line?.trimmingCharacters(in: .whitespaces), !answer.isEmpty else { return value }
        return answer
    }

    /// A line read without echoing it when the input is a terminal.
    static func readHidden() -> String? {
        guard isatty(STDIN_FILENO) == 1 else { return readLine() }
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            print("")  // the Enter that was not echoed
        }
        return readLine()
    }
}
