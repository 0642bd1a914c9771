// Lint rules: typescript-eslint's recommended set, with the few exceptions the design needs.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // sdk/: the SDKs npm run plugin:sdks generates (Pulumi's generators' code, not ours);
  // reports/ and .stryker-tmp/: mutation testing's reports and sandboxes.
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "bench/**",
      "docs/api/**",
      "sdk/**",
      "reports/**",
      ".stryker-tmp/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        require: "readonly",
        module: "readonly",
        __dirname: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        URL: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Tests load programs and packages by path at run time, as Pulumi and the host do.
    files: ["test/**/*.ts", "scripts/**/*.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The ready policy pack is plain CommonJS, run by the CLI's run-policy-pack as it is.
    files: ["policy-pack/**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // CommonJS programs as users write them: an SCF index.js, scripts run in consumer projects.
    files: ["examples/**/*.js", "test/**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { exports: "writable", Request: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
