namespace KubeRpc.Server.Kubernetes;

/// <summary>
/// A setting the start cannot use. Its message is one line that names the setting (a configuration key, or a field
/// of a kubeconfig file) and what is wrong with it; the process prints it and exits, without a stack trace.
/// </summary>
public sealed class InvalidSettingException(string message, Exception? innerException = null) : Exception(message, innerException);
