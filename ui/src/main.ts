// Page entry: mounts the app into <main id="app">.
import "./style.css";
import { startApp } from "./app";

const root = document.getElementById("app");
if (root) void startApp(root);
