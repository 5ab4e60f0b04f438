// graphology-layout-forceatlas2's single iteration, on its flat matrices
// (the module ships no declaration of its own).
declare module "graphology-layout-forceatlas2/iterate" {
  export default function iterate(options: object, nodes: Float32Array, edges: Float32Array): void;
}
