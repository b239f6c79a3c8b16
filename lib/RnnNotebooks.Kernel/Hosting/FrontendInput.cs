using RnnNotebooks.Kernel.Protocol;

namespace RnnNotebooks.Kernel.Hosting;

/// <summary>
/// Asks the front end that sent an <c>execute_request</c> for a line of input (<c>input_request</c> on the stdin
/// channel) and waits for its <c>input_reply</c>. An interrupt of the cell ends the wait.
/// </summary>
internal sealed class FrontendInput(Messenger messenger, JupyterMessage request)
{
    /// <summary>The message of the error <c>Console.ReadLine()</c> raises when the front end accepts no input.</summary>
    public const string NotAllowedMessage =
        "Console.ReadLine() needs input, but the front end that ran this cell does not accept input (its execute_request "
        + "has allow_stdin false, as nbconvert and other batch runs send). Set the value in code instead.";

    /// <summary>Sends the request and blocks until the person answers.</summary>
    public string ReadLine(string prompt, bool password)
    {
        var (requestId, answer) = messenger.RequestInput(request, prompt, password);
        try
        {
            return answer.GetAwaiter().GetResult();
        }
        finally
        {
            messenger.InputReplies.Forget(requestId);
        }
    }
}
