// App entry: mounts the Svelte shell. Heavy work (onnxruntime, data) lives in the engine worker.
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { migrateStorageKeys } from './storage/local.ts';

// Settings kept under an earlier version's key names move to the one scheme before anything reads them.
migrateStorageKeys();
mount(App, { target: document.getElementById('app')! });
