import HTTPTypes
import Hummingbird

/// Adds `X-Instance: NAME` to every answer the router gives (the cache-hit handler below it adds its own).
struct InstanceHeaderMiddleware: RouterMiddleware {
    typealias Context = ProxyRequestContext
    static let header = HTTPField.Name("X-Instance")!
    let name: String

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[Self.header] = name
        return response
    }
}
