import ArgumentParser

@main
struct Streamz: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "streamz",
        abstract: "Watch live phone and device cameras and microphones from a terminal.",
        version: "0.1.0",
        subcommands: [DemoCommand.self, ServeCommand.self, MonitorCLICommand.self, LogoutCommand.self,
                      DeviceCommand.self, WatchCommand.self]
    )
}
