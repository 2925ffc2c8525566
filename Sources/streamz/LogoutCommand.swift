import ArgumentParser
import Foundation
import StreamzClient
import StreamzMonitor

/// `streamz logout [--server URL]` (PROTOCOL.md §5): revokes the remembered
/// refresh token on the server and forgets it here. The login is forgotten
/// even when the server cannot be reached; the exit status then says the
/// server did not hear it.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: "Forget the remembered login for a server and revoke it there.")

    @Option(help: "The server's URL (default http://127.0.0.1:8080).")
    var server: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let address: ServerAddress
        do { address = try MonitorFlags(server: server).resolve(environment: environment).server } catch {
            throw ValidationError(error.message)
        }
        let store: CredentialStore
        let remembered: RememberedLogin?
        do {
            store = try CredentialStore(environment: environment)
            remembered = try store.load(server: address)
        } catch {
            throw ValidationError(error.description)
        }
        guard let remembered else {
            print("No login is remembered for \(address).")
            return
        }
        let who = remembered.email.map { " as \($0)" } ?? ""
        do {
            try await APIClient(server: address, credentials: store).logout()
            print("Logged out of \(address)\(who).")
        } catch {
            FileHandle.standardError.write(Data(
                "Forgot the login for \(address)\(who) here, but the server did not hear the logout: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}
