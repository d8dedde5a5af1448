import Foundation
import ImagePipeline
import ImageSources
import NIOCore
import ProxyServer
import Testing
import TestSupport

/// `s3://` sources against a real S3-compatible server: moto_server from PyPI on 127.0.0.1 with authentication
/// on (`INITIAL_NO_AUTH_ACTION_COUNT`: an IAM user, policy and key are made first, everything after is signed).
@Suite(.serialized) struct S3SourceTests {
    /// Starts moto, makes a user and key, a bucket and its objects with them; prints the key as JSON.
    static let setUp = """
        import json, os, socket, subprocess, sys, time
        import boto3
        port = int(sys.argv[1]); sample = open(sys.argv[2], "rb").read()
        env = dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="4")
        server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close(); break
            except OSError:
                time.sleep(0.05)
        url = f"http://127.0.0.1:{port}"
        iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
        iam.create_user(UserName="proxy")
        policy = iam.create_policy(PolicyName="all", PolicyDocument=json.dumps({"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
        iam.attach_user_policy(UserName="proxy", PolicyArn=policy["Policy"]["Arn"])
        key = iam.create_access_key(UserName="proxy")["AccessKey"]
        s3 = boto3.client("s3", endpoint_url=url, region_name="us-east-1",
                          aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
        s3.create_bucket(Bucket="images")
        s3.put_object(Bucket="images", Key="photos/landscape.jpg", Body=sample)
        s3.put_object(Bucket="images", Key="big.jpg", Body=sample[:4] + os.urandom(600_000))
        print(json.dumps({"pid": server.pid, "access": key["AccessKeyId"], "secret": key["SecretAccessKey"]}), flush=True)
        """

    struct Store: Decodable {
        let pid: Int32
        let access: String
        let secret: String
    }

    @Test func signedReadsWithEveryGuard() async throws {
        let port = Int.random(in: 41_000...49_000)
        let output = try PythonTools.run(Self.setUp, arguments: [String(port), TestPaths.samples.appendingPathComponent("landscape.jpg").path],
                                         packages: ["moto[server]", "boto3"])
        let store = try JSONDecoder().decode(Store.self, from: Data(try #require(output.split(separator: "\n").last).utf8))
        defer { kill(-store.pid, SIGTERM); kill(store.pid, SIGTERM) }
        func configuration(secret: String) -> S3Configuration {
            var s3 = S3Configuration(accessKey: store.access, secretKey: secret)
            s3.endpoint = URL(string: "http://127.0.0.1:\(port)")
            s3.pathStyle = true
            return s3
        }
        let server = try await LiveServer.start {
            $0.thumborAllowsUnsafe = true
            $0.sources.s3 = configuration(secret: store.secret)
            $0.sources.maxBytes = 300_000
            $0.sourceTTL = .milliseconds(1)
        }
        defer { Task { await server.stop() } }
        let answer = try await server.get("/unsafe/w:120/plain/s3://images/photos/landscape.jpg@png")
        #expect(answer.status == 200 && answer.headers["content-type"] == "image/png")
        #expect(try ImageProber.probe(answer.body).width == 120)
        // Stale after 1 ms: the next variant revalidates with the object's ETag and gets 304.
        try await Task.sleep(for: .milliseconds(20))
        #expect(try await server.get("/unsafe/w:121/plain/s3://images/photos/landscape.jpg@png").status == 200)
        let metrics = try await server.get("/metrics").text
        #expect(MetricsText.value("mediaproxy_source_lookups_total{outcome=\"revalidated\"}", in: metrics) == 1,
                "\(metrics.split(separator: "\n").filter { $0.contains("source_lookups") })")
        // The same object through thumbor's dialect and the query form.
        let thumbor = try await server.get("/thumbor/unsafe/90x60/s3://images/photos/landscape.jpg")
        #expect(thumbor.status == 200 && (try? ImageProber.probe(thumbor.body))?.width == 90)
        let query = try await server.get("/img/s3%3A%2F%2Fimages%2Fphotos%2Flandscape.jpg?w=70&fmt=png")
        #expect(query.status == 200 && (try? ImageProber.probe(query.body))?.width == 70)
        let missing = try await server.get("/unsafe/w:120/plain/s3://images/nothing.jpg")
        #expect(missing.status == 404 && missing.text.contains("source_not_found"))
        let big = try await server.get("/unsafe/w:120/plain/s3://images/big.jpg")
        #expect(big.status == 413)
        #expect(try await server.get("/unsafe/w:120/plain/s3://Bad_Bucket/x.jpg").status == 400)

        let wrong = try await LiveServer.start { $0.sources.s3 = configuration(secret: "not-the-secret") }
        defer { Task { await wrong.stop() } }
        let refused = try await wrong.get("/unsafe/w:120/plain/s3://images/photos/landscape.jpg")
        #expect(refused.status == 403 && refused.text.contains("forbidden_source"))
        #expect(!refused.text.contains("Signature") && !refused.text.contains("AccessDenied"), "the store's text stays out")

        let fenced = try await LiveServer.start {
            var s3 = configuration(secret: store.secret)
            s3.allowedBuckets = ["other"]
            $0.sources.s3 = s3
        }
        defer { Task { await fenced.stop() } }
        #expect(try await fenced.get("/unsafe/w:120/plain/s3://images/photos/landscape.jpg").status == 403)
    }

    /// Waits (up to 10 s) until the bucket holds `count` objects under `prefix`, then, when `corrupt`, overwrites
    /// each body with other bytes, keeping its metadata (so only the checksum can tell).
    static let bucketTool = """
        import sys, time, boto3
        port, access, secret, prefix, count, corrupt = sys.argv[1:7]
        s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                          aws_access_key_id=access, aws_secret_access_key=secret)
        for _ in range(200):
            keys = [o["Key"] for o in s3.list_objects_v2(Bucket="images", Prefix=prefix).get("Contents", [])]
            if len(keys) >= int(count): break
            time.sleep(0.05)
        if corrupt == "1":
            for key in keys:
                head = s3.head_object(Bucket="images", Key=key)
                s3.put_object(Bucket="images", Key=key, Body=b"\\xff\\xd8 not the image", Metadata=head["Metadata"],
                              ContentType=head["ContentType"])
        print(len(keys))
        """

    @Test func instancesShareResultsThroughTheStore() async throws {
        let port = Int.random(in: 41_000...49_000)
        let output = try PythonTools.run(Self.setUp, arguments: [String(port), TestPaths.samples.appendingPathComponent("landscape.jpg").path],
                                         packages: ["moto[server]", "boto3"])
        let store = try JSONDecoder().decode(Store.self, from: Data(try #require(output.split(separator: "\n").last).utf8))
        defer { kill(-store.pid, SIGTERM); kill(store.pid, SIGTERM) }
        func instance() async throws -> LiveServer {
            try await LiveServer.start {
                var s3 = S3Configuration(accessKey: store.access, secretKey: store.secret)
                s3.endpoint = URL(string: "http://127.0.0.1:\(port)")
                s3.pathStyle = true
                $0.sources.s3 = s3
                $0.resultStore = "s3://images/results"
            }
        }
        func tool(count: Int, corrupt: Bool) throws -> Int {
            Int(try PythonTools.run(Self.bucketTool, arguments: [String(port), store.access, store.secret, "results/",
                                                                 String(count), corrupt ? "1" : "0"],
                                    packages: ["moto[server]", "boto3"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }
        let path = "/unsafe/rs:fill:150:100/plain/local:///landscape.jpg@webp"
        let first = try await instance()
        defer { Task { await first.stop() } }
        let rendered = try await first.get(path)
        #expect(rendered.status == 200)
        #expect(try await first.metric("mediaproxy_pipeline_runs_total") == 1)
        #expect(try tool(count: 1, corrupt: false) == 1, "the result reached the store")
        // A second instance with empty caches answers it from the store, without rendering.
        let second = try await instance()
        defer { Task { await second.stop() } }
        let shared = try await second.get(path)
        #expect(shared.status == 200 && shared.body == rendered.body)
        #expect(try await second.metric("mediaproxy_pipeline_runs_total") == 0)
        #expect(try await second.metric("mediaproxy_cache_lookups_total{result=\"shared\"}") == 1)
        // A corrupt object (its body no longer matches its checksum) is rendered again, never answered.
        #expect(try tool(count: 1, corrupt: true) == 1)
        let third = try await instance()
        defer { Task { await third.stop() } }
        let again = try await third.get(path)
        #expect(again.status == 200 && again.body == rendered.body)
        #expect(try await third.metric("mediaproxy_pipeline_runs_total") == 1)
    }

    @Test func anUnreachableStoreIsABadGatewayAndAResultStoreDownCostsARender() async throws {
        let server = try await LiveServer.start {
            var s3 = S3Configuration(accessKey: "a", secretKey: "b")
            s3.endpoint = URL(string: "http://127.0.0.1:9")
            s3.pathStyle = true
            $0.sources.s3 = s3
            $0.resultStore = "s3://images/results"
        }
        defer { Task { await server.stop() } }
        #expect(try await server.get("/unsafe/w:120/plain/s3://images/a.jpg").status == 502)
        // A result store that is down costs a render, never an error.
        #expect(try await server.get("/unsafe/w:120/plain/local:///landscape.jpg").status == 200)
        #expect(try await server.metric("mediaproxy_pipeline_runs_total") == 1)
    }
}
