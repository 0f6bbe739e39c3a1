using PostTrain.Modeling.Tokenization;
using Xunit;

namespace PostTrain.Modeling.Tests.Tokenization;

public sealed class ChatTemplateTests
{
    private static readonly ChatMessage[] s_conversation =
    [
        new("system", "Be brief."),
        new("user", "2+2?"),
        new("assistant", "4"),
    ];

    [Fact]
    public void ChatMlRendersQwenFormat()
    {
        Assert.Equal(
            "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\n2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>\n",
            ChatTemplate.ChatMl.Render(s_conversation, addGenerationPrompt: false));
        Assert.Equal(
            "<|im_start|>user\n2+2?<|im_end|>\n<|im_start|>assistant\n",
            ChatTemplate.ChatMl.Render([new ChatMessage("user", "2+2?")], addGenerationPrompt: true));
    }

    [Fact]
    public void Llama3RendersHeaderFormat()
    {
        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\n2+2?<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n4<|eot_id|>",
            ChatTemplate.Llama3.Render(s_conversation, addGenerationPrompt: false));
        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            ChatTemplate.Llama3.Render([new ChatMessage("user", "hi")], addGenerationPrompt: true));
    }

    [Fact]
    public void PlainRendersRoleLines()
    {
        Assert.Equal("system: Be brief.\nuser: 2+2?\nassistant: 4\n", ChatTemplate.Plain.Render(s_conversation, false));
        Assert.Equal("user: hi\nassistant: ", ChatTemplate.Plain.Render([new ChatMessage("user", "hi")], true));
    }

    [Theory]
    [InlineData("chatml", "chatml")]
    [InlineData("ChatML", "chatml")]
    [InlineData("llama3", "llama3")]
    [InlineData(" plain ", "plain")]
    public void ParsesNames(string name, string expected) => Assert.Equal(expected, ChatTemplate.Parse(name).Name);

    [Fact]
    public void ParseErrorListsValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => ChatTemplate.Parse("mistral"));
        Assert.Contains("'mistral'", error.Message);
        Assert.Contains("chatml, llama3, plain", error.Message);
    }

    [Fact]
    public void DetectsRealHuggingFaceTemplates()
    {
        const string qwen = "{%- for message in messages %}{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}{%- endfor %}{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";
        const string llama3 = "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{{ content }}{% endfor %}";
        Assert.Same(ChatTemplate.ChatMl, ChatTemplate.Detect(qwen));
        Assert.Same(ChatTemplate.Llama3, ChatTemplate.Detect(llama3));
        Assert.Same(ChatTemplate.Plain, ChatTemplate.Detect(null));
        Assert.Same(ChatTemplate.Plain, ChatTemplate.Detect(""));
        Assert.Null(ChatTemplate.Detect("{{ '[INST] ' + messages[0]['content'] + ' [/INST]' }}"));
    }

    [Fact]
    public void EachTemplateDetectsItsOwnJinjaSource()
    {
        foreach (ChatTemplate template in ChatTemplate.All)
        {
            Assert.Same(template, ChatTemplate.Detect(template.JinjaSource));
        }
    }
}
