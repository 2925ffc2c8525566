import Foundation
import StreamzClient
import Testing

/// The credentials file: where it lives, its modes, its content, and what
/// happens to a damaged one.
@Suite("Credentials: the remembered-login file")
struct CredentialStoreTests {
    static func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int) & 0o777
    }

    @Test func saveCreatesAPrivateFolderAndFile() throws {
        let store = temporaryCredentialStore()
        let server = try ServerAddress("http://127.0.0.1:8080")
        try store.save(RememberedLogin(email: "sam@example.org", refreshToken: "rt-1"), server: server)
        #expect(try Self.mode(of: store.directory.path) == 0o700)
        #expect(try Self.mode(of: store.fileURL.path) == 0o600)
        #expect(store.fileURL.lastPathComponent == "credentials.json")

        // Only the refresh token and the email, keyed by the server URL.
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: store.fileURL)) as? [String: Any])
        #expect(json["version"] as? Int == 1)
        let servers = try #require(json["servers"] as? [String: [String: String]])
        #expect(servers == ["http://127.0.0.1:8080": ["email": "sam@example.org", "refreshToken": "rt-1"]])
        // No temporary files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.directory.path) == ["credentials.json"])
    }

    @Test func aLooserExistingFolderIsTightened() throws {
        let store = temporaryCredentialStore()
        try FileManager.default.createDirectory(
            at: store.directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try store.save(RememberedLogin(email: nil, refreshToken: "rt"), server: try ServerAddress("http://a.example"))
        #expect(try Self.mode(of: store.directory.path) == 0o700)
    }

    @Test func loginsArePerServerAndForgetLeavesTheOthers() throws {
        let store = temporaryCredentialStore()
        let home = try ServerAddress("https://home.example:8443")
        let work = try ServerAddress("http://work.example")
        #expect(try store.load(server: home) == nil)
        try store.save(RememberedLogin(email: "a@home.example", refreshToken: "home-1"), server: home)
        try store.save(RememberedLogin(email: "a@work.example", refreshToken: "work-1"), server: work)
        try store.save(RememberedLogin(email: "a@home.example", refreshToken: "home-2"), server: home)
        // The same server written another way finds the same login.
        #expect(try store.load(server: try ServerAddress("HTTPS://Home.Example:8443/"))?.refreshToken == "home-2")
        try store.forget(server: home)
        #expect(try store.load(server: home) == nil)
        #expect(try store.load(server: work)?.refreshToken == "work-1")
        #expect(try Self.mode(of: store.fileURL.path) == 0o600)
    }

    @Test(arguments: ["", "{", "[]", "{\"servers\": 5}", "\u{FF}\u{FE}binary", "{\"version\": 1, \"servers\": {\"x\": {\"email\": 3}}}"])
    func damagedFilesAreReportedNotTrusted(content: String) throws {
        let store = temporaryCredentialStore()
        try FileManager.default.createDirectory(at: store.directory, withIntermediateDirectories: true)
        try Data(content.utf8).write(to: store.fileURL)
        #expect(throws: CredentialStoreError.malformed(path: store.fileURL.path)) {
            try store.load(server: try ServerAddress("http://127.0.0.1:1"))
        }
    }

    @Test func aNewerVersionIsRefused() throws {
        let store = temporaryCredentialStore()
        try FileManager.default.createDirectory(at: store.directory, withIntermediateDirectories: true)
        try Data(#"{"version": 2, "servers": {}}"#.utf8).write(to: store.fileURL)
        #expect(throws: CredentialStoreError.unsupportedVersion(path: store.fileURL.path, version: 2)) {
            try store.load(server: try ServerAddress("http://127.0.0.1:1"))
        }
    }

    @Test func defaultFolderFollowsXDG() throws {
        #expect(try CredentialStore.defaultDirectory(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/u"]).path == "/cfg/streamz")
        #expect(try CredentialStore.defaultDirectory(environment: ["HOME": "/home/u"]).path == "/home/u/.config/streamz")
        // A relative XDG_CONFIG_HOME is invalid per the specification and ignored.
        #expect(try CredentialStore.defaultDirectory(environment: ["XDG_CONFIG_HOME": "cfg", "HOME": "/home/u"]).path == "/home/u/.config/streamz")
        #expect(throws: CredentialStoreError.noHomeDirectory) { try CredentialStore.defaultDirectory(environment: [:]) }
    }
}
