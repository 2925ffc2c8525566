import Testing
@testable import StreamzServer

@Suite("Server configuration")
struct ServerConfigurationTests {
    @Test("defaults follow PROTOCOL.md section 5")
    func defaults() {
        let configuration = ServerConfiguration()
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.databasePath == "./streamz.db")
        #expect(configuration.bcryptCost == 12)
        #expect(configuration.heartbeatInterval == .seconds(10))
    }
}
