import { PlaygroundPage } from "@/components/playground/playground-page";

export default function Home() {
  return <PlaygroundPage />;
}
