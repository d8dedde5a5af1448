import Foundation

/// A real S3-compatible server for tests: moto_server from PyPI (in the test venv) on 127.0.0.1 with
/// authentication on (`INITIAL_NO_AUTH_ACTION_COUNT`: an IAM user, policy and key are made first, everything after
/// is signed), holding bucket `images` with `photos/landscape.jpg` (the sample) and `big.jpg` (600 kB).
public struct MotoServer: Sendable {
    public let port: Int
    public let pid: Int32
    public let accessKey: String
    public let secretKey: String

    private struct Started: Decodable {
        let pid: Int32
        let access: String
        let secret: String
    }

    static let packages = ["moto[server]", "boto3"]

    /// Starts the server, makes the user, key, bucket and objects.
    public static func start(port: Int) throws -> MotoServer {
        let output = try PythonTools.run(setUp, arguments: [String(port), TestPaths.samples.appendingPathComponent("landscape.jpg").path],
                                         packages: packages)
        guard let line = output.split(separator: "\n").last,
              let started = try? JSONDecoder().decode(Started.self, from: Data(line.utf8)) else {
            throw PythonToolsError(detail: "moto did not start: \(output)")
        }
        return MotoServer(port: port, pid: started.pid, accessKey: started.access, secretKey: started.secret)
    }

    /// Stops the server (SIGKILL: a child of the test runner inherits its blocked SIGTERM).
    public func stop() {
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
    }

    /// Waits (up to 10 s) until `images` holds `count` objects under `prefix` and returns how many there are;
    /// with `corrupting`, first overwrites each body with other bytes, keeping its metadata.
    public func objects(under prefix: String, waitingFor count: Int, corrupting: Bool = false) throws -> Int {
        Int(try PythonTools.run(Self.bucketTool, arguments: [String(port), accessKey, secretKey, prefix, String(count),
                                                           corrupting ? "1" : "0"],
                                packages: Self.packages).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    static let setUp = """
        import json, os, socket, subprocess, sys, time
        import boto3
        port = int(sys.argv[1]); sample = open(sys.argv[2], "rb").read()
        env = dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="4")
        server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        for _ in range(600):  # up to half a minute on a loaded machine
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close(); break
            except OSError:
                if server.poll() is not None: sys.exit(f"moto exited with {server.returncode} (port {port} taken?)")
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
}
