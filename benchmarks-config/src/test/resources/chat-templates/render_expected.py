#!/usr/bin/env python3
"""Renders every fixture chat template (*.jinja) with every message list of cases.json, the way Hugging Face
transformers' apply_chat_template(..., tokenize=False) does, and writes expected/<model>/<case>.txt; renders the
small templates of snippets.json (one Jinja2 feature each) with the messages listed there into
expected/snippets/<name>.txt.

ChatTemplateFixturesTest and Jinja2SnippetsTest assert that the Java renderer produces these files byte for byte.
Regenerate with
    python3 render_expected.py          (needs python3-jinja2; run it in this folder)

The environment below is set up as transformers sets up its own (transformers/utils/chat_template_utils.py):
a sandboxed environment with trim_blocks and lstrip_blocks, the loopcontrols extension, a tojson filter that keeps
non-ASCII characters, and the globals raise_exception and strftime_now; the template gets messages, tools (None),
add_generation_prompt and the model's special tokens (bos_token, eos_token) when tokenizer_config.json sets them.
"""
import json
import os
from datetime import datetime

from jinja2.exceptions import TemplateError
from jinja2.ext import loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment

HERE = os.path.dirname(os.path.abspath(__file__))


def raise_exception(message):
    raise TemplateError(message)


def strftime_now(fmt):
    return datetime.now().strftime(fmt)


def tojson(value, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(value, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def environment():
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def token_text(token):
    """A special token of tokenizer_config.json: a string, or an object with its text under "content"."""
    return token["content"] if isinstance(token, dict) else token


def main():
    with open(os.path.join(HERE, "models.json"), encoding="utf-8") as f:
        models = json.load(f)
    with open(os.path.join(HERE, "cases.json"), encoding="utf-8") as f:
        cases = json.load(f)
    env = environment()
    for model, tokens in models.items():
        with open(os.path.join(HERE, model + ".jinja"), encoding="utf-8") as f:
            template = env.from_string(f.read())
        specials = {k: token_text(v) for k, v in tokens.items() if v is not None}
        out_dir = os.path.join(HERE, "expected", model)
        os.makedirs(out_dir, exist_ok=True)
        for name, case in cases.items():
            text = template.render(messages=case["messages"], tools=None,
                                   add_generation_prompt=case["add_generation_prompt"], **specials)
            with open(os.path.join(out_dir, name + ".txt"), "w", encoding="utf-8", newline="") as f:
                f.write(text)
            print(f"{model}/{name}.txt: {len(text)} characters")
    with open(os.path.join(HERE, "snippets.json"), encoding="utf-8") as f:
        snippets = json.load(f)
    messages = snippets["messages"]
    out_dir = os.path.join(HERE, "expected", "snippets")
    os.makedirs(out_dir, exist_ok=True)
    for name, snippet in snippets["snippets"].items():
        text = env.from_string(snippet["template"]).render(messages=messages, tools=None,
                                                           add_generation_prompt=True)
        with open(os.path.join(out_dir, name + ".txt"), "w", encoding="utf-8", newline="") as f:
            f.write(text)
        print(f"snippets/{name}.txt: {text!r}")


if __name__ == "__main__":
    main()
