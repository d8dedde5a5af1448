import Hummingbird
import NIOCore

/// The request context of the server's routes: Hummingbird's basic one plus the connection, so that a handler
/// can learn when its client leaves (`ClientDepartureHandler`).
struct ProxyRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }
}
