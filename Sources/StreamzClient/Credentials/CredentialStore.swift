import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Remembered logins, one per server, in `credentials.json` inside a folder
/// only the user may enter: `$XDG_CONFIG_HOME/streamz/` (default
/// `~/.config/streamz/`, per the XDG Base Directory specification).
///
/// The file holds refresh tokens, which are as good as a password for 30
/// days, so it is created with mode 0600 and its folder with 0700, and it is
/// replaced atomically (write a new file, then rename) so a crash never
/// leaves half a file.
public struct CredentialStore: Sendable {
    public static let fileName = "credentials.json"

    /// The folder holding `credentials.json`.
    public let directory: URL

    /// A store in `directory`; tests pass a temporary folder.
    public init(directory: URL) { self.directory = directory }

    /// The store in the user's configuration folder.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CredentialStoreError) {
        self.init(directory: try Self.defaultDirectory(environment: environment))
    }

    /// `$XDG_CONFIG_HOME/streamz`, or `$HOME/.config/streamz`. The XDG
    /// specification says a relative `XDG_CONFIG_HOME` is invalid and must be ignored.
    public static func defaultDirectory(environment: [String: String]) throws(CredentialStoreError) -> URL {
        if let configHome = environment["XDG_CONFIG_HOME"], configHome.hasPrefix("/") {
            return URL(fileURLWithPath: configHome).appendingPathComponent("streamz", isDirectory: true)
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { throw .noHomeDirectory }
        return URL(fileURLWithPath: home).appendingPathComponent(".config/streamz", isDirectory: true)
    }

    public var fileURL: URL { directory.appendingPathComponent(Self.fileName) }

    /// The login remembered for `server`, `nil` if there is none (or no file yet).
    public func load(server: ServerAddress) throws(CredentialStoreError) -> RememberedLogin? {
        try readFile().servers[server.normalized]
    }

    /// Remembers `login` for `server`, replacing any earlier one.
    public func save(_ login: RememberedLogin, server: ServerAddress) throws(CredentialStoreError) {
        var file = try readFile()
        file.servers[server.normalized] = login
        try writeFile(file)
    }

    /// Forgets the login for `server`; the other servers' logins stay.
    public func forget(server: ServerAddress) throws(CredentialStoreError) {
        var file = try readFile()
        guard file.servers.removeValue(forKey: server.normalized) != nil else { return }
        try writeFile(file)
    }

    // MARK: File

    private func readFile() throws(CredentialStoreError) -> CredentialsFile {
        guard FileManager.default.fileExists(atPath: fileURL.path) else { return CredentialsFile() }
        let data: Data
        do {
            data = try Data(contentsOf: fileURL)
        } catch {
            throw .unreadable(path: fileURL.path, detail: "\(error)")
        }
        let file: CredentialsFile
        do {
            file = try JSONDecoder().decode(CredentialsFile.self, from: data)
        } catch {
            throw .malformed(path: fileURL.path)
        }
        guard file.version == CredentialsFile.currentVersion else {
            throw .unsupportedVersion(path: fileURL.path, version: file.version)
        }
        return file
    }

    private func writeFile(_ file: CredentialsFile) throws(CredentialStoreError) {
        try makeDirectory()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(file) } catch { throw .unwritable(path: fileURL.path, detail: "\(error)") }

        // O_EXCL with mode 0600 from the start: the token is never readable
        // by others, not even between create and chmod.
        let temporary = directory.appendingPathComponent(".\(Self.fileName).\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw .unwritable(path: temporary.path, detail: String(cString: strerror(errno))) }
        let written = data.withUnsafeBytes { bytes in write(descriptor, bytes.baseAddress, bytes.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == data.count, synced else {
            unlink(temporary.path)
            throw .unwritable(path: temporary.path, detail: "short write")
        }
        guard rename(temporary.path, fileURL.path) == 0 else {
            let detail = String(cString: strerror(errno))
            unlink(temporary.path)
            throw .unwritable(path: fileURL.path, detail: detail)
        }
    }

    /// Creates the folder with 0700, and tightens it to 0700 if it exists looser.
    private func makeDirectory() throws(CredentialStoreError) {
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unwritable(path: directory.path, detail: "\(error)")
        }
        guard chmod(directory.path, 0o700) == 0 else {
            throw .unwritable(path: directory.path, detail: String(cString: strerror(errno)))
        }
    }
}

/// Why the credentials file could not be used.
public enum CredentialStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case noHomeDirectory
    case unreadable(path: String, detail: String)
    case malformed(path: String)
    case unsupportedVersion(path: String, version: Int)
    case unwritable(path: String, detail: String)

    public var description: String {
        switch self {
        case .noHomeDirectory: "Neither XDG_CONFIG_HOME nor HOME is set to an absolute path; cannot find the credentials folder."
        case .unreadable(let path, let detail): "Cannot read \(path): \(detail)"
        case .malformed(let path): "\(path) is not a Streamz credentials file; delete it to sign in again."
        case .unsupportedVersion(let path, let version): "\(path) has version \(version), which this streamz does not know."
        case .unwritable(let path, let detail): "Cannot write \(path): \(detail)"
        }
    }
}
