// App entry: mounts the Svelte shell. Heavy work (onnxruntime, data) lives in the engine worker.
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
