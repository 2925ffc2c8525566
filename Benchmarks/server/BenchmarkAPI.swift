import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import StreamzProtocol

/// The few REST calls the benchmark needs, over URLSession.
struct BenchmarkAPI: Sendable {
    let base: URL

    init(port: Int) {
        base = URL(string: "http://127.0.0.1:\(port)/api/v1")!
    }

    func waitUntilHealthy() async throws {
        for _ in 0..<100 {
            if let (_, response) = try? await URLSession.shared.data(from: base.appendingPathComponent("healthz")),
               (response as? HTTPURLResponse)?.statusCode == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchmarkError("the server did not answer /healthz within 10 s")
    }

    func register(email: String, password: String) async throws -> String {
        let answer: AuthResponse = try await post("auth/register", CredentialsRequest(email: email, password: password), token: nil)
        return answer.accessToken
    }

    /// Creates `count` devices, 32 requests at a time; returns their ids in order.
    func createDevices(count: Int, token: String) async throws -> [UUID] {
        try await withThrowingTaskGroup(of: (Int, UUID).self) { group in
            var ids = [UUID?](repeating: nil, count: count)
            var next = 0
            func addNext() {
                guard next < count else { return }
                let index = next
                next += 1
                group.addTask {
                    let request = CreateDeviceRequest(
                        name: "bench-\(index)", kind: .agent, capabilities: Capabilities(camera: true, microphone: true))
                    let answer: DeviceResponse = try await post("devices", request, token: token)
                    return (index, answer.device.id)
                }
            }
            for _ in 0..<min(32, count) { addNext() }
            while let (index, id) = try await group.next() {
                ids[index] = id
                addNext()
            }
            return ids.compactMap { $0 }
        }
    }

    private func post<Body: Encodable, Answer: Decodable>(_ path: String, _ body: Body, token: String?) async throws -> Answer {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = try WireJSON.encoder().encode(body)
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let status = (response as? HTTPURLResponse)?.statusCode, (200..<300).contains(status) else {
            throw BenchmarkError("POST \(path) answered \(String(decoding: data, as: UTF8.self))")
        }
        return try WireJSON.decoder().decode(Answer.self, from: data)
    }
}
