/** The home page until the package ships one: the app's objects with their record counts. */
import { LightningElement } from 'lwc';
import { request } from '../../preview/transport/transport';

interface Summary {
  name: string;
  label: string;
  url: string;
  count: number;
}

export default class DefaultHome extends LightningElement {
  summaries: Summary[] = [];

  override connectedCallback(): void {
    request<Summary[]>('GET', '/api/preview/home-summary').then(
      (summaries) => (this.summaries = summaries),
      () => (this.summaries = [])
    );
  }
}
